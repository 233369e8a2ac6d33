package com.memorylayer.gateway.seedapi;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.util.UriTemplate;

/**
 * Puts {@code Deprecation} (RFC 9745) and {@code Link: <successor>; rel="successor-version"} on every answer of a
 * {@link SeedAlias} route, set before admission runs so that refusals carry them too.
 */
@Component
class DeprecationHeaders implements HandlerInterceptor {

    static final String DEPRECATION = "Deprecation";
    private final String deprecation;

    DeprecationHeaders(SeedApiProperties properties) {
        this.deprecation = "@" + properties.deprecatedSince().getEpochSecond();
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (handler instanceof HandlerMethod method) {
            apply(method, request, response);
        }
        return true;
    }

    void apply(HandlerMethod method, HttpServletRequest request, HttpServletResponse response) {
        SeedAlias alias = method.getMethodAnnotation(SeedAlias.class);
        if (alias == null) {
            return;
        }
        @SuppressWarnings("unchecked")
        Map<String, String> variables = (Map<String, String>) request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        String successor = new UriTemplate(alias.successor()).expand(variables == null ? Map.of() : variables).toString();
        response.setHeader(DEPRECATION, deprecation);
        response.setHeader("Link", "<" + successor + ">; rel=\"successor-version\"");
    }
}
