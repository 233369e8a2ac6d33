package com.memorylayer.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.memorylayer.embedded.EmbeddedPostgresServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The gateway writes no workspace table, so its admin command no longer rebuilds the entity graph: an operator who
 * asks it to is told where the command went, and the usage no longer offers it.
 */
class AdminCommandRebuildGraphTest {

    @Test
    void rebuildGraphPointsToTheIngestWorker() {
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.startTemporary()) {
            AdminCommand admin = new AdminCommand(postgres.dataSource(), "test-secret-test-secret-test-secret");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            assertThat(admin.run(List.of("create-workspace", "ops-graph"), new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8))).as(err.toString(StandardCharsets.UTF_8)).isZero();
            out.reset();

            int status = admin.run(List.of("rebuild-graph", "ops-graph"), new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));

            assertThat(status).isEqualTo(2);
            assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("rebuild-graph is the ingest worker's",
                    "ingest-worker-<version>-exec.jar admin rebuild-graph <slug>");
            assertThat(AdminCommand.USAGE).doesNotContain("rebuild-graph");
            assertThat(AdminCommand.COMMANDS).doesNotContain("rebuild-graph");
        }
    }
}
