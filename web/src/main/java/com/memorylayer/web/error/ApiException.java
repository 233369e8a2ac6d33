package com.memorylayer.web.error;

import com.memorylayer.schemas.api.ErrorCode;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A failure for the client: a stable code (which carries its HTTP status), a message for people and optional
 * details. {@link ApiErrorHandler} renders it; nothing else writes an error body.
 */
public class ApiException extends RuntimeException {

    private final ErrorCode code;
    private final Map<String, Object> details;
    private long retryAfterSeconds;

    public ApiException(ErrorCode code, String message) {
        this(code, message, Map.of());
    }

    public ApiException(ErrorCode code, String message, Map<String, Object> details) {
        super(message);
        this.code = code;
        this.details = Map.copyOf(details);
    }

    /** A request field or parameter at fault: {@code 400 invalid_request} with {@code details.field}. */
    public static ApiException invalidField(String field, String message) {
        return forField(ErrorCode.INVALID_REQUEST, field, message);
    }

    /** Any code whose fault lies in one field, named in {@code details.field}. */
    public static ApiException forField(ErrorCode code, String field, String message) {
        return new ApiException(code, message, Map.of("field", field));
    }

    /** Answers {@code Retry-After}: for refusals that say "not now" (a busy or unavailable resource). */
    public ApiException retryAfter(long seconds) {
        this.retryAfterSeconds = seconds;
        return this;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public ErrorCode code() {
        return code;
    }

    public HttpStatus status() {
        return HttpStatus.valueOf(code.status());
    }

    public Map<String, Object> details() {
        return details;
    }
}
