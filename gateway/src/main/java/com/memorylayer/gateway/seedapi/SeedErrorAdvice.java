package com.memorylayer.gateway.seedapi;

import com.memorylayer.web.error.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.HandlerMethod;

/**
 * Errors of the alias routes (admission's included: it runs for the alias's handler) in the seed's shape, with our
 * status, except where the seed answered otherwise ({@link SeedRequestInvalid}: 422). Anything else falls through
 * to the API's usual handler.
 */
@RestControllerAdvice(basePackageClasses = SeedAlias.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class SeedErrorAdvice {

    private final DeprecationHeaders headers;

    SeedErrorAdvice(DeprecationHeaders headers) {
        this.headers = headers;
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<SeedError> refused(ApiException e, HandlerMethod handler, HttpServletRequest request,
            HttpServletResponse response) {
        headers.apply(handler, request, response);
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(e.status());
        if (e.retryAfterSeconds() > 0) {
            answer.header("Retry-After", Long.toString(e.retryAfterSeconds()));
        }
        return answer.body(SeedError.of(e));
    }

    @ExceptionHandler(SeedRequestInvalid.class)
    ResponseEntity<SeedError> invalid(SeedRequestInvalid e, HandlerMethod handler, HttpServletRequest request,
            HttpServletResponse response) {
        headers.apply(handler, request, response);
        return ResponseEntity.status(422).body(SeedError.invalid(e));
    }
}
