package com.memorylayer.query.error;

import java.util.Map;
import org.springframework.http.HttpStatus;

/** A failure with a status, a stable code and a message; {@link QueryErrorHandler} renders it. */
public class QueryException extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final Map<String, Object> details;

    public QueryException(HttpStatus status, String code, String message, Map<String, Object> details) {
        super(message);
        this.status = status;
        this.code = code;
        this.details = details;
    }

    public static QueryException invalid(String field, String message) {
        return new QueryException(HttpStatus.BAD_REQUEST, com.memorylayer.schemas.api.ErrorCode.INVALID_REQUEST,
                message, Map.of("field", field));
    }

    HttpStatus status() {
        return status;
    }

    String code() {
        return code;
    }

    Map<String, Object> details() {
        return details;
    }
}
