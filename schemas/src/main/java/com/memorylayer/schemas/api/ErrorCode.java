package com.memorylayer.schemas.api;

/**
 * The error codes clients can match on. A code, once published, keeps its meaning; new situations get new codes.
 */
public final class ErrorCode {

    /** 400: the body is not JSON, or not the JSON object the route expects. */
    public static final String INVALID_JSON = "invalid_json";
    /** 400: a field is missing, has the wrong type or an out-of-range value; {@code details.field} names it. */
    public static final String INVALID_REQUEST = "invalid_request";
    /** 401: no API key was sent. */
    public static final String MISSING_API_KEY = "missing_api_key";
    /** 401: the key is malformed, unknown, revoked or expired. */
    public static final String INVALID_API_KEY = "invalid_api_key";
    /** 403: the key is valid for this workspace but lacks the scope the route needs. */
    public static final String INSUFFICIENT_SCOPE = "insufficient_scope";
    /** 404: no such workspace — also the answer to a valid key used on another workspace, so nothing leaks. */
    public static final String WORKSPACE_NOT_FOUND = "workspace_not_found";
    /** 404: no such route. */
    public static final String NOT_FOUND = "not_found";
    /** 405: the route exists but not with this method. */
    public static final String METHOD_NOT_ALLOWED = "method_not_allowed";
    /** 413: the body is larger than the configured limit. */
    public static final String PAYLOAD_TOO_LARGE = "payload_too_large";
    /** 415: the body is not {@code application/json}. */
    public static final String UNSUPPORTED_MEDIA_TYPE = "unsupported_media_type";
    /** 503: the event log (Kafka) did not take the write; nothing was accepted, retrying is safe. */
    public static final String EVENT_LOG_UNAVAILABLE = "event_log_unavailable";
    /** 503: the query service did not answer. */
    public static final String QUERY_SERVICE_UNAVAILABLE = "query_service_unavailable";
    /** 503: the write behind a consistency token was not applied within the wait; retry the recall. */
    public static final String CONSISTENCY_TIMEOUT = "consistency_timeout";
    /** 400: the consistency token was not issued by this service. */
    public static final String INVALID_CONSISTENCY_TOKEN = "invalid_consistency_token";
    /** 500: a fault of ours; the message carries a request id to quote, never a stack trace. */
    public static final String INTERNAL_ERROR = "internal_error";

    private ErrorCode() {
    }
}
