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
