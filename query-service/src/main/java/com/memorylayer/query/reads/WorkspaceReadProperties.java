package com.memorylayer.query.reads;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The pool that every workspace read route runs on (memories and lists, history, command outcomes, export,
 * entities and graph, stats, status, health, ingest runs), apart from the pool that recall's runtimes, consistency
 * waits and sessions use. These bounds moved here from the
 * gateway with the reads (issue 25), under the same names and defaults.
 *
 * @param poolSize           connections kept for these reads (6); when every one is in use, a read waits
 *                           {@code connectionTimeout} and then answers 503 {@code reads_busy}
 * @param maxPerWorkspace    of those, how many one workspace's reads may hold at once (2), so one tenant's slow
 *                           reads leave the others theirs; its next read waits {@code connectionTimeout}, then 503
 * @param connectionTimeout  how long a read waits for one of those connections (1s)
 * @param statementTimeout   the longest one statement of a read may run (5s): Postgres stops it, and the read
 *                           answers 503 {@code read_timeout}
 * @param maxGraphRelations  the most relations {@code graph/communities} loads (20000, the strongest first); a bigger
 *                           graph's communities are found among those, and the answer says {@code truncated}
 */
@ConfigurationProperties("memorylayer.workspace-reads")
public record WorkspaceReadProperties(@DefaultValue("6") int poolSize, @DefaultValue("2") int maxPerWorkspace,
        @DefaultValue("1s") Duration connectionTimeout,
        @DefaultValue("5s") Duration statementTimeout, @DefaultValue("20000") int maxGraphRelations) {

    public WorkspaceReadProperties {
        if (poolSize < 1 || maxPerWorkspace < 1) {
            throw new IllegalArgumentException("memorylayer.workspace-reads.pool-size and max-per-workspace must be positive, not "
                    + poolSize + " and " + maxPerWorkspace);
        }
        // Hikari refuses a connection timeout under 250 ms; Postgres takes statement_timeout in whole milliseconds.
        if (connectionTimeout.toMillis() < 250) {
            throw new IllegalArgumentException("memorylayer.workspace-reads.connection-timeout must be at least 250ms, not "
                    + connectionTimeout);
        }
        if (statementTimeout.toMillis() < 1) {
            throw new IllegalArgumentException("memorylayer.workspace-reads.statement-timeout must be positive, not " + statementTimeout);
        }
        if (maxGraphRelations < 1) {
            throw new IllegalArgumentException("memorylayer.workspace-reads.max-graph-relations must be positive, not "
                    + maxGraphRelations);
        }
    }
}
