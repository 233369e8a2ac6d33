package com.memorylayer.gateway.seedapi;

import com.memorylayer.web.error.ApiException;
import java.util.Map;

/**
 * An alias's error: the seed's {@code detail} for its clients, and our {@code code}, {@code message} and
 * {@code details} beside it, so a client moving to {@code /v1} matches on the same codes.
 */
record SeedError(String detail, String code, String message, Map<String, Object> details) {

    static SeedError of(ApiException e) {
        return new SeedError(e.getMessage(), e.code().wire(), e.getMessage(), e.details());
    }

    static SeedError invalid(SeedRequestInvalid e) {
        return new SeedError(e.getMessage(), "invalid_request", e.getMessage(), Map.of("field", e.field()));
    }
}
