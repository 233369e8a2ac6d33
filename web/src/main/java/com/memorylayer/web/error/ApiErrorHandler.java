package com.memorylayer.web.error;

import com.memorylayer.schemas.api.ApiError;
import com.memorylayer.schemas.api.ErrorCode;
import jakarta.servlet.http.HttpServletRequest;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
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
import org.springframework.web.servlet.HandlerMapping;
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
    /** Seconds a client is told to wait while the database is unreachable: about what a restart of it takes. */
    static final long DATABASE_RETRY_AFTER_SECONDS = 5;

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
        if (databaseUnreachable(e)) {
            // No fault of ours to file an incident for: Postgres is away (or restarting), and a retry may well work.
            log.warn("database unreachable on {} {}: {}", request.getMethod(), routeOf(request), e.toString());
            return api(new ApiException(ErrorCode.DATABASE_UNAVAILABLE, "the service cannot reach its database; retry shortly")
                    .retryAfter(DATABASE_RETRY_AFTER_SECONDS));
        }
        if (workspaceSchemaGone(e)) {
            // A workspace deleted while a request of it was on its way (from a gateway that had not heard yet, or
            // a replica that still knew it): its schema is gone, and so is the workspace.
            log.info("workspace schema gone on {} {}: {}", request.getMethod(), routeOf(request), e.toString());
            return api(new ApiException(ErrorCode.WORKSPACE_NOT_FOUND, "no such workspace (it was deleted)"));
        }
        String incident = UUID.randomUUID().toString();
        log.error("unhandled error on {} {} (incident {})", request.getMethod(), routeOf(request), incident, e);
        return respond(ErrorCode.INTERNAL_ERROR, "an internal error occurred; quote incident " + incident, Map.of());
    }

    /**
     * Whether {@code e} comes of the database being unreachable rather than of the request: no connection within the
     * pool's timeout, or a connection lost or refused (SQLState class 08, or 57P0x: shut down, crashed, starting up).
     * Read from the SQLException inside, whatever wraps it — Spring's CannotGetJdbcConnectionException and
     * DataAccessResourceFailureException, jOOQ's DataAccessException.
     */
    static boolean databaseUnreachable(Throwable e) {
        return anyCause(e, cause -> cause instanceof SQLTransientConnectionException || cause instanceof SQLNonTransientConnectionException
                || (cause instanceof SQLException sql && sql.getSQLState() != null
                        && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P0"))));
    }

    /**
     * Whether {@code e} comes of a workspace's schema missing: Postgres' invalid_schema_name (3F000), or
     * undefined_table (42P01) on a table of a workspace schema ({@code ws_<hex>}, the only schemas named so). Workspace
     * ids are never reused, so a schema missing means the workspace was deleted.
     */
    static boolean workspaceSchemaGone(Throwable e) {
        return anyCause(e, cause -> cause instanceof SQLException sql && sql.getSQLState() != null
                && (sql.getSQLState().equals("3F000")
                        || (sql.getSQLState().equals("42P01") && String.valueOf(sql.getMessage()).matches("(?s).*\\bws_[0-9a-f]{32}\\..*"))));
    }

    /** Whether {@code e} or any exception in its chain of causes is one {@code test} accepts. */
    private static boolean anyCause(Throwable e, java.util.function.Predicate<Throwable> test) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (test.test(cause)) {
                return true;
            }
        }
        return false;
    }

    private static ResponseEntity<ApiError> respond(ErrorCode code, String message, Map<String, Object> details) {
        return ResponseEntity.status(HttpStatus.valueOf(code.status())).contentType(MediaType.APPLICATION_JSON)
                .body(ApiError.of(code, message, details));
    }

    /**
     * The route template, never the raw path: paths carry secrets (invite tokens, one-time sign-in links) that do
     * not belong in a log.
     */
    private static String routeOf(HttpServletRequest request) {
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        return pattern == null ? "(unmatched route)" : pattern.toString();
    }
}
