package com.memorylayer.query.error;

import com.memorylayer.schemas.api.ApiError;
import com.memorylayer.schemas.api.ErrorCode;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Renders the query service's errors in the platform's one error shape; the gateway passes them to clients
 * unchanged, so these bodies are public too.
 */
@RestControllerAdvice
class QueryErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(QueryErrorHandler.class);

    @ExceptionHandler(QueryException.class)
    ResponseEntity<ApiError> query(QueryException e) {
        return ResponseEntity.status(e.status()).body(new ApiError(e.code(), e.getMessage(), e.details()));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
        return ResponseEntity.badRequest().body(ApiError.of(ErrorCode.INVALID_JSON, "the request body is not valid JSON"));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiError> unexpected(Exception e) {
        String incident = UUID.randomUUID().toString();
        log.error("unhandled query error (incident {})", incident, e);
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
                .body(ApiError.of(ErrorCode.INTERNAL_ERROR, "an internal error occurred; quote incident " + incident));
    }
}
