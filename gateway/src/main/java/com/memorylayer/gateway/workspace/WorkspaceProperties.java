package com.memorylayer.gateway.workspace;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param maxOwnedPerPerson how many workspaces one person may own (20); each is a Postgres schema, so the cap
 *                          keeps one account from filling the catalog
 */
@ConfigurationProperties("memorylayer.workspaces")
public record WorkspaceProperties(int maxOwnedPerPerson) {

    public WorkspaceProperties {
        if (maxOwnedPerPerson < 1) {
            throw new IllegalArgumentException("memorylayer.workspaces.max-owned-per-person must be positive");
        }
    }
}
