package com.memorylayer.gateway.keys;

import java.util.Locale;

/** What a key may do in its workspace. */
public enum ApiKeyScope {
    READ, WRITE, ADMIN;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ApiKeyScope fromWire(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
