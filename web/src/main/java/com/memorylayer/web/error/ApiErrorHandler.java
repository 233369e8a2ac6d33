package com.memorylayer.web.error;

import com.memorylayer.schemas.api.ApiError;
import com.memorylayer.schemas.api.ErrorCode;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * The one place a service's error JSON is made from an exception, shared by the gateway and the query service
 * (whose errors the gateway passes to clients unchanged). No stack trace leaves: an unexpected failure answers
 * an incident id that the log holds.
 */
@RestControllerAdvice
public class ApiErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiErrorHandler.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ApiError> api(ApiException e) {
        ResponseEntity<ApiError> answer = respond(e.code(), e.getMessage(), e.details());
        return e.retryAfterSeconds() > 0
                ? ResponseEntity.status(answer.getStatusCode()).headers(answer.getHeaders())
                        .header("Retry-After", Long.toString(e.retryAfterSeconds())).body(answer.getBody())
                : answer;
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof BodyTooLargeException tooLarge) {
                return respond(ErrorCode.PAYLOAD_TOO_LARGE, tooLarge.getMessage(), Map.of());
            }
        }
        return respond(ErrorCode.INVALID_JSON, "the request body is not valid JSON", Map.of());
    }

    @ExceptionHandler(BodyTooLargeException.class)
    ResponseEntity<ApiError> tooLarge(BodyTooLargeException e) {
        return respond(ErrorCode.PAYLOAD_TOO_LARGE, e.getMessage(), Map.of());
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ApiError> mediaType(HttpMediaTypeNotSupportedException e) {
        String wanted = e.getSupportedMediaTypes().isEmpty() ? "application/json"
                : String.join(" or ", e.getSupportedMediaTypes().stream().map(t -> t.getType() + "/" + t.getSubtype()).toList());
        return respond(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "send the body as " + wanted, Map.of());
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ApiError> method(HttpRequestMethodNotSupportedException e) {
        return respond(ErrorCode.METHOD_NOT_ALLOWED, e.getMethod() + " is not allowed on this route", Map.of());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ApiError> typeMismatch(MethodArgumentTypeMismatchException e) {
        return api(ApiException.invalidField(e.getName(), "'" + e.getName() + "' is not a valid value"));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ApiError> missingParameter(MissingServletRequestParameterException e) {
        return api(ApiException.invalidField(e.getParameterName(), "'" + e.getParameterName() + "' is required"));
    }

    @ExceptionHandler({NoHandlerFoundException.class, NoResourceFoundException.class})
    ResponseEntity<ApiError> notFound(Exception e) {
        return respond(ErrorCode.NOT_FOUND, "no such route", Map.of());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiError> unexpected(Exception e, HttpServletRequest request) {
        String incident = UUID.randomUUID().toString();
        log.error("unhandled error on {} {} (incident {})", request.getMethod(), request.getRequestURI(), incident, e);
        return respond(ErrorCode.INTERNAL_ERROR, "an internal error occurred; quote incident " + incident, Map.of());
    }

    private static ResponseEntity<ApiError> respond(ErrorCode code, String message, Map<String, Object> details) {
        return ResponseEntity.status(HttpStatus.valueOf(code.status())).contentType(MediaType.APPLICATION_JSON)
                .body(ApiError.of(code, message, details));
    }
}
