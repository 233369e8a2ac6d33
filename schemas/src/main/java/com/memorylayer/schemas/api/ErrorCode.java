package com.memorylayer.schemas.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The error codes clients can match on. A code, once published, keeps its meaning; new situations get new codes.
 * Each is declared with the HTTP status it comes with and what it means, once, here: the OpenAPI document and the
 * docs page list {@link #all()} rather than repeating them.
 */
public final class ErrorCode {

    /** One documented code. */
    public record Documented(String code, int status, String meaning) {
    }

    private static final List<Documented> ALL = new ArrayList<>();

    public static final String INVALID_JSON = code("invalid_json", 400,
            "The body is not JSON, or not the JSON object the route expects.");
    public static final String INVALID_REQUEST = code("invalid_request", 400,
            "A field or parameter is missing, has the wrong type or an out-of-range value; details.field names it.");
    public static final String INVALID_PATH = code("invalid_path", 400,
            "The path has dot segments, encoded slashes or backslashes, empty segments or other tricks; it is refused rather than normalised.");
    public static final String HOST_NOT_ALLOWED = code("host_not_allowed", 400,
            "The Host header names a host this service does not answer for.");
    public static final String MISSING_API_KEY = code("missing_api_key", 401,
            "No API key was sent and no one is signed in.");
    public static final String INVALID_API_KEY = code("invalid_api_key", 401,
            "The key is malformed, unknown, revoked or expired.");
    public static final String SIGN_IN_REQUIRED = code("sign_in_required", 401,
            "The route is for signed-in people (a session cookie), not for keys.");
    public static final String INSUFFICIENT_SCOPE = code("insufficient_scope", 403,
            "The key or member is valid for this workspace but lacks the scope or role the route needs.");
    public static final String ORIGIN_NOT_ALLOWED = code("origin_not_allowed", 403,
            "A browser sent a state-changing request from another origin.");
    public static final String CSRF_TOKEN_INVALID = code("csrf_token_invalid", 403,
            "A state-changing request on a session cookie came without a valid CSRF token (send the XSRF-TOKEN cookie's value as X-XSRF-TOKEN).");
    public static final String WORKSPACE_NOT_FOUND = code("workspace_not_found", 404,
            "No such workspace; also the answer to another workspace's key and to a signed-in person who is not a member, so nothing leaks.");
    public static final String KEY_NOT_FOUND = code("key_not_found", 404, "No such API key in this workspace.");
    public static final String MEMBER_NOT_FOUND = code("member_not_found", 404, "No such member in this workspace.");
    public static final String INVITE_NOT_FOUND = code("invite_not_found", 404,
            "The invite does not exist, was already used, was revoked or has expired.");
    public static final String NOT_FOUND = code("not_found", 404, "No such route.");
    public static final String METHOD_NOT_ALLOWED = code("method_not_allowed", 405,
            "The route exists but not with this method, or the method is not allowed at all.");
    public static final String SLUG_TAKEN = code("slug_taken", 409, "Another workspace already has this slug.");
    public static final String WORKSPACE_LIMIT = code("workspace_limit", 409,
            "You own as many workspaces as one person may (20 by default); delete one first.");
    public static final String LAST_OWNER = code("last_owner", 409,
            "The change would leave the workspace without an owner.");
    public static final String PAYLOAD_TOO_LARGE = code("payload_too_large", 413,
            "The body is larger than the configured limit (2,000,000 bytes by default).");
    public static final String UNSUPPORTED_MEDIA_TYPE = code("unsupported_media_type", 415,
            "The body is not application/json.");
    public static final String RATE_LIMITED = code("rate_limited", 429,
            "The client's bucket is empty; Retry-After says how many seconds until it refills.");
    public static final String INTERNAL_ERROR = code("internal_error", 500,
            "A fault of ours; the message carries an incident id to quote, never a stack trace.");
    public static final String EVENT_LOG_UNAVAILABLE = code("event_log_unavailable", 503,
            "The event log (Kafka) did not take the write; nothing was accepted, retrying is safe.");
    public static final String QUERY_SERVICE_UNAVAILABLE = code("query_service_unavailable", 503,
            "The query service did not answer.");
    public static final String CONSISTENCY_TIMEOUT = code("consistency_timeout", 503,
            "The write behind a consistency token was not applied within the wait; retry the recall.");
    public static final String INVALID_CONSISTENCY_TOKEN = code("invalid_consistency_token", 400,
            "The consistency token was not issued by this service.");

    private ErrorCode() {
    }

    private static String code(String code, int status, String meaning) {
        ALL.add(new Documented(code, status, meaning));
        return code;
    }

    /** Every code, in declaration order. */
    public static List<Documented> all() {
        return Collections.unmodifiableList(ALL);
    }

    /** The codes that come with one HTTP status. */
    public static List<Documented> withStatus(int status) {
        return ALL.stream().filter(d -> d.status() == status).toList();
    }
}
