package com.memorylayer.web.trace;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * What an HTTP service imports to answer every traced request with its trace id in {@value #HEADER}: the id to quote
 * in a support request, to find the request's log lines across services, or its trace in the tracing backend.
 * Registered right after Boot's server observation filter, which opens the request's span.
 */
@Configuration(proxyBeanMethods = false)
public class TraceIdHeader {

    public static final String HEADER = "X-Trace-Id";
    /** Boot's {@code ServerHttpObservationFilter} runs at {@code HIGHEST_PRECEDENCE + 1}. */
    static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 2;

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> traceIdHeaderFilter(ObjectProvider<Tracer> tracer) {
        Tracer current = tracer.getIfAvailable(() -> Tracer.NOOP);
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                Span span = current.currentSpan();
                if (span != null) {
                    response.setHeader(HEADER, span.context().traceId());
                }
                chain.doFilter(request, response);
            }
        });
        registration.setOrder(ORDER);
        registration.setName("traceIdHeader");
        return registration;
    }
}
