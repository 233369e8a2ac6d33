package com.memorylayer.web.error;

import com.memorylayer.schemas.api.ApiError;
import com.memorylayer.schemas.api.ErrorCode;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Errors raised outside Spring MVC (in the servlet container or a filter) reach {@code /error}; this answers
 * them in the same {@code {"code","message"}} shape instead of Boot's default page.
 */
@RestController
public class FallbackErrorController implements ErrorController {

    @RequestMapping("/error")
    ResponseEntity<ApiError> error(HttpServletRequest request) {
        // A filter that reads the database (a session's validity, say) fails here, not in ApiErrorHandler; an outage
        // is the same 503 wherever it is met.
        if (request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable thrown
                && ApiErrorHandler.databaseUnreachable(thrown)) {
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).contentType(MediaType.APPLICATION_JSON)
                    .header("Retry-After", Long.toString(ApiErrorHandler.DATABASE_RETRY_AFTER_SECONDS))
                    .body(ApiError.of(ErrorCode.DATABASE_UNAVAILABLE, "the service cannot reach its database; retry shortly"));
        }
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer i && HttpStatus.resolve(i) != null ? HttpStatus.valueOf(i)
                : HttpStatus.INTERNAL_SERVER_ERROR;
        ErrorCode errorCode = switch (status) {
            case NOT_FOUND -> ErrorCode.NOT_FOUND;
            case METHOD_NOT_ALLOWED -> ErrorCode.METHOD_NOT_ALLOWED;
            case CONTENT_TOO_LARGE -> ErrorCode.PAYLOAD_TOO_LARGE;
            default -> status.is4xxClientError() ? ErrorCode.INVALID_REQUEST : ErrorCode.INTERNAL_ERROR;
        };
        String message = status == HttpStatus.CONTENT_TOO_LARGE ? "the request body is larger than the limit"
                : status.getReasonPhrase();
        // The status the container chose stands, even where the code's own status differs (a 4xx without a code).
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(ApiError.of(errorCode, message));
    }
}
