package com.memorylayer.gateway.tenant;

import java.util.Set;
import java.util.regex.Pattern;

/** A workspace's URL name: lowercase letters, digits and inner hyphens, 3 to 40 characters, not reserved. */
public record WorkspaceSlug(String value) {

    private static final Pattern SHAPE = Pattern.compile("[a-z0-9][a-z0-9-]{1,38}[a-z0-9]");
    private static final Set<String> RESERVED = Set.of("admin", "api", "auth", "login", "logout", "www", "app",
            "dashboard", "static", "assets", "health", "metrics", "internal", "system", "control", "public",
            "settings", "docs", "openapi", "mcp", "new");

    public WorkspaceSlug {
        if (value == null || !SHAPE.matcher(value).matches()) {
            throw new IllegalArgumentException("a workspace slug is 3-40 characters of a-z, 0-9 and inner hyphens, was: " + value);
        }
        if (RESERVED.contains(value)) {
            throw new IllegalArgumentException("the workspace slug '" + value + "' is reserved");
        }
    }

    /** True when {@code text} could name a workspace; used to answer 404 without a database round trip. */
    public static boolean isWellFormed(String text) {
        return text != null && SHAPE.matcher(text).matches();
    }
}
