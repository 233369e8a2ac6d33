package com.memorylayer.gateway.guard;

import java.util.Set;

/** The methods that change state, and so need an Origin check, a CSRF token on a session, and an audit entry. */
public final class StateChangingMethods {

    private static final Set<String> METHODS = Set.of("POST", "PUT", "PATCH", "DELETE");

    private StateChangingMethods() {
    }

    public static boolean contains(String method) {
        return METHODS.contains(method);
    }
}
