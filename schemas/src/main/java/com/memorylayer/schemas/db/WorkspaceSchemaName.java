package com.memorylayer.schemas.db;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The name of one workspace's Postgres schema: {@code ws_} and the workspace id's 32 hex digits. It is derived,
 * never taken from user input, and checked against that shape wherever it is built, so it is safe to render.
 */
public record WorkspaceSchemaName(String value) {

    /** The schema the jOOQ classes are generated against; every real workspace schema is mapped onto it. */
    public static final String TEMPLATE = "workspace_template";

    private static final Pattern SHAPE = Pattern.compile("ws_[0-9a-f]{32}");

    public WorkspaceSchemaName {
        if (value == null || !SHAPE.matcher(value).matches()) {
            throw new IllegalArgumentException("not a workspace schema name: " + value);
        }
    }

    public static WorkspaceSchemaName of(UUID workspaceId) {
        return new WorkspaceSchemaName("ws_" + workspaceId.toString().replace("-", ""));
    }

    /** The workspace whose schema this is. */
    public UUID workspaceId() {
        String hex = value.substring(3);
        return UUID.fromString(hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20));
    }

    @Override
    public String toString() {
        return value;
    }
}
