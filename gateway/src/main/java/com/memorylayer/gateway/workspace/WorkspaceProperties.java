package com.memorylayer.gateway.workspace;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param maxOwnedPerPerson     how many workspaces one person may own (20); each is a Postgres schema, so the
 *                              cap keeps one account from filling the catalog
 * @param maxConcurrentExports  exports running at once on one gateway (4); each reads pages of its workspace
 * @param maxConcurrentExportsPerWorkspace exports of one workspace running at once (1), so one tenant's slow exports
 *                              cannot take every one of the gateway's slots
 * @param migrationParallelism  workspace schemas a gateway's start brings to the current version at once (4); each
 *                              holds two connections of its server's pool while it migrates
 */
@ConfigurationProperties("memorylayer.workspaces")
public record WorkspaceProperties(int maxOwnedPerPerson, @DefaultValue("4") int maxConcurrentExports,
        @DefaultValue("1") int maxConcurrentExportsPerWorkspace, @DefaultValue("4") int migrationParallelism) {

    @ConstructorBinding
    public WorkspaceProperties {
        if (maxOwnedPerPerson < 1 || maxConcurrentExports < 1 || maxConcurrentExportsPerWorkspace < 1 || migrationParallelism < 1) {
            throw new IllegalArgumentException("memorylayer.workspaces.max-owned-per-person, max-concurrent-exports, "
                    + "max-concurrent-exports-per-workspace and migration-parallelism must be positive");
        }
    }

    /** The command-line provisioner's: it runs no exports, so the per-workspace limit is the default. */
    public WorkspaceProperties(int maxOwnedPerPerson, int maxConcurrentExports) {
        this(maxOwnedPerPerson, maxConcurrentExports, 1, 4);
    }
}
