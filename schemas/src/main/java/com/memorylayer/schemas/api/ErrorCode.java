package com.memorylayer.schemas.api;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The error codes clients can match on, each with the HTTP status it comes with and what it means, declared once
 * here: exceptions take their status from the code, and the OpenAPI document and the docs list {@link #values()}
 * rather than repeating them. A code, once published, keeps its meaning; new situations get new codes.
 */
public enum ErrorCode {

    INVALID_JSON(400,
            "The body is not JSON, or not the JSON object the route expects."),
    INVALID_REQUEST(400,
            "A field or parameter is missing, has the wrong type or an out-of-range value; details.field names it."),
    INVALID_PATH(400,
            "The path has dot segments, encoded slashes or backslashes, empty segments or other tricks; it is refused rather than normalised."),
    HOST_NOT_ALLOWED(400,
            "The Host header names a host this service does not answer for."),
    MISSING_API_KEY(401,
            "No API key was sent and no one is signed in."),
    INVALID_API_KEY(401,
            "The key is malformed, unknown, revoked or expired."),
    SIGN_IN_REQUIRED(401,
            "The route is for signed-in people (a session cookie), not for keys."),
    INSUFFICIENT_SCOPE(403,
            "The key or member is valid for this workspace but lacks the scope or role the route needs."),
    ORIGIN_NOT_ALLOWED(403,
            "A browser sent a state-changing request from another origin."),
    CSRF_TOKEN_INVALID(403,
            "A state-changing request on a session cookie came without a valid CSRF token (send the XSRF-TOKEN cookie's value as X-XSRF-TOKEN)."),
    WORKSPACE_NOT_FOUND(404,
            "No such workspace; also the answer to another workspace's key and to a signed-in person who is not a member, so nothing leaks."),
    KEY_NOT_FOUND(404,
            "No such API key in this workspace."),
    MEMBER_NOT_FOUND(404,
            "No such member in this workspace."),
    INVITE_NOT_FOUND(404,
            "The invite does not exist, was already used, was revoked or has expired."),
    SIGN_IN_LINK_INVALID(404,
            "The dev launcher's one-time dashboard link was already used, has expired, or is not honoured by a gateway that other machines can reach."),
    MEMORY_NOT_FOUND(404,
            "No such memory in this workspace: never written, not applied yet, erased, or another workspace's."),
    ERASURE_NOT_FOUND(404, "No erasure of that memory in this workspace."),
    RUN_NOT_FOUND(404, "No such ingest run in this workspace."),
    ENTITY_NOT_FOUND(404, "No such entity in this workspace's graph."),
    NOT_FOUND(404,
            "No such route."),
    METHOD_NOT_ALLOWED(405,
            "The route exists but not with this method, or the method is not allowed at all."),
    SLUG_TAKEN(409,
            "Another workspace already has this slug."),
    WORKSPACE_LIMIT(409,
            "You own as many workspaces as one person may (20 by default); delete one first."),
    LAST_OWNER(409,
            "The change would leave the workspace without an owner."),
    VERSION_CONFLICT(409,
            "The write named a version (if_version) the memory is no longer at; read it again and retry."),
    INVALID_TRANSITION(409,
            "The memory's status does not allow this change; details.allowed lists the statuses it may move to."),
    MEMORY_FORGOTTEN(409, "The memory is forgotten; restore it before changing it."),
    RUN_CLOSED(409,
            "The ingest run is closed (by POST .../close, or idle longer than the idle setting); start a new run."),
    RUN_KIND_MISMATCH(409,
            "The run is of the other kind: ingest runs take items through POST .../ingest/runs/{run_id}/items, import runs export lines through POST .../import?run_id="),
    RESTORE_WINDOW_ENDED(409, "The memory was forgotten longer ago than the restore window; it can no longer be restored."),
    MEMORY_ID_ERASED(409, "A memory with this id was erased; an erased id is never written again (its erasure receipt stands)."),
    KEY_LIMIT(409,
            "The workspace holds as many active keys as it may (50 by default); revoke one first."),
    IDEMPOTENCY_KEY_REUSED(409,
            "The Idempotency-Key was already used by this caller with a different body; use a new key for a new request."),
    PAYLOAD_TOO_LARGE(413,
            "The body is larger than the configured limit (2,000,000 bytes by default)."),
    TOO_MANY_ITEMS(413,
            "One ingest or import request holds more items than the limit (1,000 by default); send the rest to the same run."),
    CSV_HEADER_TOO_LONG(413,
            "split_mode csv: the header row alone is longer than an item may be (32,000 characters by default), so every row's item would be too; nothing was split."),
    SPLIT_TOO_LARGE(413,
            "Splitting 'content' would make an item longer than an item may be, or more text than one request may (4,000,000 characters by default); it stopped there and nothing was accepted."),
    UNSUPPORTED_MEDIA_TYPE(415,
            "The body is not of the route's media type: application/json, or application/x-ndjson for POST /import."),
    RATE_LIMITED(429,
            "The client's bucket is empty; Retry-After says how many seconds until it refills."),
    INTERNAL_ERROR(500,
            "A fault of ours; the message carries an incident id to quote, never a stack trace."),
    EVENT_LOG_UNAVAILABLE(503,
            "The event log (Kafka) did not take the write; nothing was accepted, retrying is safe."),
    DATABASE_UNAVAILABLE(503,
            "The service cannot reach its database right now; nothing was done, retrying after Retry-After is safe."),
    QUERY_SERVICE_UNAVAILABLE(503,
            "The query service did not answer."),
    CONSISTENCY_TIMEOUT(503,
            "The write behind a consistency token was not applied within the wait; retry the recall."),
    INVALID_CONSISTENCY_TOKEN(400,
            "The consistency token was not issued by this service: malformed, forged, or signed under another secret."),
    CONSISTENCY_TOKEN_EXPIRED(400,
            "The consistency token is older than its lifetime (15 minutes by default) and its write is not applied; recall without it."),
    CONSISTENCY_WAITS_BUSY(503,
            "The workspace already has as many recalls waiting on consistency tokens as it may; Retry-After says when to try again."),
    RECALLS_BUSY(503,
            "The workspace's owner already has as many recalls running as one tenant may, and this one waited its turn too long; Retry-After says when to try again."),
    WORKSPACE_WARMING(503,
            "The workspace's search indexes are being loaded from the database after a restart or a long idle spell; a big workspace takes a while. Retry-After says when to try again."),
    WORKSPACE_LOADS_BUSY(503,
            "The workspace's owner uses more workspaces at once than its share of warm runtimes and has loaded as many cold ones this minute as one tenant may; Retry-After says when to try again."),
    TOO_MANY_SESSIONS(503,
            "The gateway holds as many sign-in sessions as it may; try signing in again shortly."),
    EXPORTS_BUSY(503,
            "As many exports are running as the gateway allows at once, or as this workspace may run at once; Retry-After says when to try again."),
    READ_TIMEOUT(503,
            "A read of the workspace took longer than a read may (the gateway's statement timeout) and was stopped; narrow it or retry later."),
    READS_BUSY(503,
            "Every connection the gateway keeps for workspace reads is in use, or this workspace's reads hold as many as one workspace may; Retry-After says when to try again."),
    TOOL_CALLS_BUSY(503,
            "As many MCP calls are being answered as the gateway allows at once, or as one workspace may have at once; Retry-After says when to try again."),
    CONSISTENCY_TOKEN_OF_ANOTHER_WORKSPACE(400,
            "The consistency token was issued for a write to another workspace, so no wait here could ever see it.");

    private final int status;
    private final String meaning;

    ErrorCode(int status, String meaning) {
        this.status = status;
        this.meaning = meaning;
    }

    /** The code as clients see it in {@code code}: the constant's name in lower case, e.g. {@code invalid_json}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public int status() {
        return status;
    }

    public String meaning() {
        return meaning;
    }

    /** The codes that come with one HTTP status, in declaration order. */
    public static List<ErrorCode> withStatus(int status) {
        return Arrays.stream(values()).filter(c -> c.status == status).toList();
    }

    @Override
    public String toString() {
        return wire();
    }
}
