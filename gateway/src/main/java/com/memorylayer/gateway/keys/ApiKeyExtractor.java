package com.memorylayer.gateway.keys;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/** Finds the presented key: {@code Authorization: Bearer <key>} or {@code X-API-Key: <key>}. */
public final class ApiKeyExtractor {

    public static final String API_KEY_HEADER = "X-API-Key";
    private static final String BEARER = "bearer ";

    private ApiKeyExtractor() {
    }

    public static Optional<String> extract(HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        if (authorization != null && !authorization.isBlank()) {
            if (authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
                return Optional.of(authorization.substring(BEARER.length()).trim());
            }
            return Optional.of("");
        }
        String header = request.getHeader(API_KEY_HEADER);
        return header == null || header.isBlank() ? Optional.empty() : Optional.of(header.trim());
    }
}
