package com.memorylayer.launcher;

import static com.memorylayer.schemas.jooq.control.Tables.AUDIT_EVENTS;
import static com.memorylayer.schemas.jooq.control.Tables.USAGE_KEY_WINDOWS;
import static com.memorylayer.schemas.jooq.control.Tables.USAGE_WORKSPACE_WINDOWS;
import static org.assertj.core.api.Assertions.assertThat;

import com.memorylayer.audit.topology.AuditStreams;
import com.memorylayer.embedded.EmbeddedPostgresServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/** {@code ./memorylayer replay-audit} on a stopped platform's data rebuilds the tables it had, row for row. */
class AuditReplayCommandTest {

    @Test
    void theReplayCommandRebuildsIdenticalAuditAndUsageTables() throws Exception {
        Path data = TestPlatform.tempDirectory();
        PlatformSettings settings = PlatformSettings.ephemeral(data, TestPlatform.MODELS);
        List<List<Object>> before;
        try (Platform platform = Platform.start(settings)) {
            BootstrapCredentials credentials = platform.bootstrap();
            ApiClient api = new ApiClient(platform.gatewayUrl(), credentials.slug(), credentials.apiKey());
            String token = api.token(api.remember("Replays rebuild what was there"));
            api.recallContents("what do replays rebuild", 1, token);
            AuditStreams sink = platform.auditSink().getBean(AuditStreams.class);
            DSLContext dsl = dsl(platform.postgres());
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!(sink.caughtUp() && dsl.fetchCount(AUDIT_EVENTS) >= 2 && dsl.fetchCount(USAGE_KEY_WINDOWS) >= 2)) {
                assertThat(System.nanoTime()).as("audit rows materialised").isLessThan(deadline);
                Thread.sleep(200);
            }
            before = snapshot(dsl);
        }

        Platform.AuditReplay replay = Platform.replayAudit(settings, Duration.ofMinutes(2));

        assertThat(replay.auditEvents()).isGreaterThanOrEqualTo(2);
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(data.resolve("postgres"), 0,
                EmbeddedPostgresServer.Durability.FAST, LocalSecret.postgresPassword(data))) {
            assertThat(snapshot(dsl(postgres))).isEqualTo(before);
        }
    }

    private static DSLContext dsl(EmbeddedPostgresServer postgres) {
        return DSL.using(postgres.dataSource(), SQLDialect.POSTGRES);
    }

    private static List<List<Object>> snapshot(DSLContext dsl) {
        List<List<Object>> rows = new ArrayList<>();
        dsl.selectFrom(AUDIT_EVENTS).orderBy(AUDIT_EVENTS.EVENT_ID).fetch().forEach(r -> rows.add(Arrays.asList(r.intoArray())));
        dsl.selectFrom(USAGE_WORKSPACE_WINDOWS).orderBy(USAGE_WORKSPACE_WINDOWS.WORKSPACE_ID, USAGE_WORKSPACE_WINDOWS.GRANULARITY,
                USAGE_WORKSPACE_WINDOWS.WINDOW_START).fetch().forEach(r -> rows.add(Arrays.asList(r.intoArray())));
        dsl.selectFrom(USAGE_KEY_WINDOWS).orderBy(USAGE_KEY_WINDOWS.KEY_ID, USAGE_KEY_WINDOWS.GRANULARITY,
                USAGE_KEY_WINDOWS.WINDOW_START).fetch().forEach(r -> rows.add(Arrays.asList(r.intoArray())));
        return rows;
    }
}
