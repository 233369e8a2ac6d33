package com.memorylayer.gateway.tenant;

import com.memorylayer.schemas.db.WorkspaceSchemaName;
import java.util.UUID;

/** A tenant: its memories live in {@link #schema()}, and only keys issued for it can reach them. */
public record Workspace(UUID id, String slug, String name, WorkspaceSchemaName schema) {
}
