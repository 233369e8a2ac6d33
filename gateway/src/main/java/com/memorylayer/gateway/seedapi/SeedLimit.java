package com.memorylayer.gateway.seedapi;

/** A seed route's {@code limit} query parameter: an integer in the seed's range, its default when absent. */
record SeedLimit(int min, int max, int fallback) {

    int of(String raw) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            int limit = Integer.parseInt(raw.strip());
            if (limit >= min && limit <= max) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below, like an out-of-range number
        }
        throw new SeedRequestInvalid("limit", "limit must be an integer from " + min + " to " + max);
    }
}
