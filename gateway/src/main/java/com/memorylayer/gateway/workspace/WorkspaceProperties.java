package com.memorylayer.gateway.workspace;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param maxOwnedPerPerson     how many workspaces one person may own (20); each is a Postgres schema, so the
 *                              cap keeps one account from filling the catalog
 * @param maxConcurrentExports  exports running at once on one gateway (4); each reads pages of its workspace
 */
@ConfigurationProperties("memorylayer.workspaces")
public record WorkspaceProperties(int maxOwnedPerPerson, @DefaultValue("4") int maxConcurrentExports) {

    public WorkspaceProperties {
        if (maxOwnedPerPerson < 1 || maxConcurrentExports < 1) {
            throw new IllegalArgumentException("memorylayer.workspaces.max-owned-per-person and max-concurrent-exports must be positive");
        }
    }
}
