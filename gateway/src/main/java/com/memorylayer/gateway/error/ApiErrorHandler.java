package com.memorylayer.gateway.error;

import com.memorylayer.gateway.guard.BodyTooLargeException;
import com.memorylayer.schemas.api.ApiError;
import com.memorylayer.schemas.api.ErrorCode;
import jakarta.servlet.http.HttpServletRequest;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** The one place the gateway's error JSON is made. Nothing else writes an error body; no stack trace leaves. */
@RestControllerAdvice
public class ApiErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiErrorHandler.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ApiError> api(ApiException e) {
        return respond(e.status(), new ApiError(e.code(), e.getMessage(), e.details()));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof BodyTooLargeException tooLarge) {
                return respond(HttpStatus.CONTENT_TOO_LARGE, ApiError.of(ErrorCode.PAYLOAD_TOO_LARGE, tooLarge.getMessage()));
            }
        }
        return respond(HttpStatus.BAD_REQUEST, ApiError.of(ErrorCode.INVALID_JSON, "the request body is not valid JSON"));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ApiError> mediaType(HttpMediaTypeNotSupportedException e) {
        return respond(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                ApiError.of(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "send the body as application/json"));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ApiError> method(HttpRequestMethodNotSupportedException e) {
        return respond(HttpStatus.METHOD_NOT_ALLOWED,
                ApiError.of(ErrorCode.METHOD_NOT_ALLOWED, e.getMethod() + " is not allowed on this route"));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ApiError> typeMismatch(MethodArgumentTypeMismatchException e) {
        return respond(HttpStatus.BAD_REQUEST, new ApiError(ErrorCode.INVALID_REQUEST,
                "'" + e.getName() + "' is not a valid value", java.util.Map.of("field", e.getName())));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ApiError> missingParameter(MissingServletRequestParameterException e) {
        return respond(HttpStatus.BAD_REQUEST, new ApiError(ErrorCode.INVALID_REQUEST,
                "'" + e.getParameterName() + "' is required", java.util.Map.of("field", e.getParameterName())));
    }

    @ExceptionHandler({NoHandlerFoundException.class, NoResourceFoundException.class})
    ResponseEntity<ApiError> notFound(Exception e) {
        return respond(HttpStatus.NOT_FOUND, ApiError.of(ErrorCode.NOT_FOUND, "no such route"));
    }

    @ExceptionHandler(BodyTooLargeException.class)
    ResponseEntity<ApiError> tooLarge(BodyTooLargeException e) {
        return respond(HttpStatus.CONTENT_TOO_LARGE, ApiError.of(ErrorCode.PAYLOAD_TOO_LARGE, e.getMessage()));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiError> unexpected(Exception e, HttpServletRequest request) {
        String incident = UUID.randomUUID().toString();
        log.error("unhandled error on {} {} (incident {})", request.getMethod(), request.getRequestURI(), incident, e);
        return respond(HttpStatus.INTERNAL_SERVER_ERROR,
                ApiError.of(ErrorCode.INTERNAL_ERROR, "an internal error occurred; quote incident " + incident));
    }

    private static ResponseEntity<ApiError> respond(HttpStatus status, ApiError error) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(error);
    }
}
