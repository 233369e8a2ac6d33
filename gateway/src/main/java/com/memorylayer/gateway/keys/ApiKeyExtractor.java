package com.memorylayer.gateway.keys;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Optional;

/**
 * Finds the presented key: {@code Authorization: Bearer <key>}, {@code Authorization: Token <key>} (what Mem0's
 * clients send) or {@code X-API-Key: <key>}.
 */
public final class ApiKeyExtractor {

    public static final String API_KEY_HEADER = "X-API-Key";
    private static final List<String> SCHEMES = List.of("bearer ", "token ");

    private ApiKeyExtractor() {
    }

    public static Optional<String> extract(HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        if (authorization != null && !authorization.isBlank()) {
            for (String scheme : SCHEMES) {
                if (authorization.regionMatches(true, 0, scheme, 0, scheme.length())) {
                    return Optional.of(authorization.substring(scheme.length()).trim());
                }
            }
            return Optional.of("");
        }
        String header = request.getHeader(API_KEY_HEADER);
        return header == null || header.isBlank() ? Optional.empty() : Optional.of(header.trim());
    }
}
