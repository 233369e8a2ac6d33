package com.memorylayer.gateway.access;

import java.util.Locale;

/**
 * What a caller may do in a workspace: a key holds scopes directly, a signed-in member through their
 * {@link MemberRole}. {@code admin} implies the others.
 */
public enum Scope {
    READ, WRITE, ADMIN;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Scope fromWire(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
