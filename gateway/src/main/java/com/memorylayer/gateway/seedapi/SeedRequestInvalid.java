package com.memorylayer.gateway.seedapi;

/**
 * A seed-shaped request outside the seed's own limits (query over 500 characters, top_k over 50, 101 items, ...):
 * the seed validated these bodies with pydantic, which answers 422, so the alias does too.
 */
class SeedRequestInvalid extends RuntimeException {

    private final String field;

    SeedRequestInvalid(String field, String message) {
        super(message, null, false, false);
        this.field = field;
    }

    String field() {
        return field;
    }
}
