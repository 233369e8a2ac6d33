package com.memorylayer.audit.topology;

import static com.memorylayer.schemas.jooq.control.Tables.ANONYMOUS_REFUSALS;
import static org.assertj.core.api.Assertions.assertThat;

import com.memorylayer.audit.topology.SinkTables.AuditRow;
import com.memorylayer.audit.topology.SinkTables.Totals;
import com.memorylayer.audit.topology.SinkTables.UsageRow;
import com.memorylayer.embedded.EmbeddedPostgresServer;
import com.memorylayer.schemas.db.Migrations;
import com.memorylayer.schemas.events.EventEnvelope;
import com.memorylayer.schemas.events.MemoriesEmbedded;
import com.memorylayer.schemas.events.RequestAudited;
import com.memorylayer.schemas.events.UsageRecorded;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import com.memorylayer.audit.trail.AuditRetention;
import com.memorylayer.audit.trail.AuditRetentionProperties;
import com.memorylayer.schemas.events.RefusalsCounted;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sink's topology without a broker: events go in through a {@link SinkDriver}, and what the processors wrote
 * to a real Postgres is compared row for row with what the events must add up to. The broker-backed
 * {@code AuditSinkStreamsTest} covers what only a broker can show (exactly-once across a crash, replay).
 */
class SinkTopologyTest {

    private static final UUID WORKSPACE = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    private static final UUID OTHER_WORKSPACE = UUID.fromString("00000000-0000-0000-0000-00000000000b");
    private static final UUID KEY = UUID.fromString("00000000-0000-0000-0000-0000000000a1");
    private static final UUID OTHER_KEY = UUID.fromString("00000000-0000-0000-0000-0000000000a2");
    private static final UUID OTHER_WORKSPACES_KEY = UUID.fromString("00000000-0000-0000-0000-0000000000b1");
    private static final UUID PERSON = UUID.fromString("00000000-0000-0000-0000-0000000000c1");

    private static EmbeddedPostgresServer postgres;
    private static DSLContext dsl;
    private static SinkTables tables;

    @TempDir
    Path state;

    @BeforeAll
    static void startPostgres() {
        postgres = EmbeddedPostgresServer.startTemporary();
        Migrations.migrateControlPlane(postgres.dataSource());
        dsl = DSL.using(postgres.dataSource(), SQLDialect.POSTGRES);
        tables = new SinkTables(dsl);
    }

    @AfterAll
    static void stopPostgres() {
        postgres.close();
    }

    @BeforeEach
    void emptyTables() {
        tables.empty();
    }

    @Test
    void auditEventsWaitForTheFlushIntervalThenBecomeOneRowEachWithWhatTheEventSays() {
        EventEnvelope byKey = audited(WORKSPACE, KEY, null, "2026-03-01T23:58:10.250Z", 200);
        EventEnvelope byPerson = audited(WORKSPACE, null, PERSON, "2026-03-01T23:58:11Z", 404);
        // A call refused before any workspace was known is audited too.
        EventEnvelope anonymous = audited(null, null, null, "2026-03-01T23:58:12Z", 401);
        try (SinkDriver sink = driver()) {
            sink.deliver(byKey);
            sink.deliver(byPerson);
            sink.deliver(anonymous);

            assertThat(tables.auditEvents()).isEmpty();
            assertThat(sink.pendingRows()).isEqualTo(3);

            sink.letFlushIntervalPass();

            assertThat(tables.auditEvents()).containsExactlyInAnyOrder(
                    auditRow(byKey, WORKSPACE, KEY, null, "2026-03-01T23:58:10.250Z", 200),
                    auditRow(byPerson, WORKSPACE, null, PERSON, "2026-03-01T23:58:11Z", 404),
                    auditRow(anonymous, null, null, null, "2026-03-01T23:58:12Z", 401));
            assertThat(sink.pendingRows()).isZero();
        }
    }

    @Test
    void refusalCountsBecomeOneRowEachAndARedeliveryChangesNothing() {
        EventEnvelope counted = EventEnvelope.wrap(UUID.randomUUID(), "/test/gateway", Instant.parse("2026-03-01T10:01:00.5Z"),
                null, null, null, new RefusalsCounted("10.0.0.9", 401, Instant.parse("2026-03-01T10:00:00Z"), 5000));
        try (SinkDriver sink = driver()) {
            sink.deliver(counted);
            sink.letFlushIntervalPass();
            sink.deliver(counted);
            sink.letFlushIntervalPass();
        }
        var rows = dsl.selectFrom(ANONYMOUS_REFUSALS).fetch();
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).getEventId()).isEqualTo(counted.id());
        assertThat(rows.get(0).getClientAddress()).isEqualTo("10.0.0.9");
        assertThat(rows.get(0).getStatus()).isEqualTo(401);
        assertThat(rows.get(0).getWindowStart().toInstant()).isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));
        assertThat(rows.get(0).getRefusals()).isEqualTo(5000L);
        // Refusal counts are no calls: the call table holds none of them.
        assertThat(tables.auditEvents()).isEmpty();
    }

    @Test
    void theRetentionJobDeletesAuditRowsPastTheirAgeAndKeepsTheRest() {
        Instant now = Instant.parse("2027-03-02T00:00:00Z");
        try (SinkDriver sink = driver()) {
            sink.deliver(audited(WORKSPACE, KEY, null, "2026-03-01T23:59:59Z", 200));
            sink.deliver(audited(WORKSPACE, KEY, null, "2026-03-02T00:00:01Z", 200));
            sink.deliver(EventEnvelope.wrap(UUID.randomUUID(), "/test/gateway", Instant.parse("2026-03-01T23:59:00Z"),
                    null, null, null, new RefusalsCounted("10.0.0.9", 429, Instant.parse("2026-03-01T23:58:00Z"), 3)));
            sink.letFlushIntervalPass();
        }
        AuditRetention retention = new AuditRetention(dsl, new AuditRetentionProperties(Duration.ofDays(365),
                Duration.ofHours(1), 1), Clock.fixed(now, ZoneOffset.UTC));

        assertThat(retention.deleteExpired()).isEqualTo(2);

        assertThat(tables.auditEvents()).extracting(r -> r.occurredAt().toString()).containsExactly("2026-03-02T00:00:01Z");
        assertThat(dsl.fetchCount(ANONYMOUS_REFUSALS)).isZero();
    }

    @Test
    void anAuditEventDeliveredTwiceIsOneRowAlsoWhenTheFirstDeliveryWasAlreadyWritten() {
        EventEnvelope event = audited(WORKSPACE, KEY, null, "2026-03-01T10:00:00Z", 202);
        try (SinkDriver sink = driver()) {
            sink.deliver(event);
            sink.deliver(event);
            assertThat(sink.pendingRows()).isEqualTo(1);
            sink.letFlushIntervalPass();

            // Redelivered after its row was written, so only the table's key can keep it from a second row.
            sink.deliver(event);
            sink.letFlushIntervalPass();

            assertThat(tables.auditEvents()).containsExactly(
                    auditRow(event, WORKSPACE, KEY, null, "2026-03-01T10:00:00Z", 202));
            // A write that failed on the duplicate would stay pending, retried forever.
            assertThat(sink.pendingRows()).isZero();
        }
    }

    @Test
    void aFullBatchIsWrittenWithoutWaitingForTheFlushInterval() {
        try (SinkDriver sink = new SinkDriver(dsl, state, 3)) {
            sink.deliver(audited(WORKSPACE, KEY, null, "2026-03-01T10:00:00Z", 200));
            sink.deliver(audited(WORKSPACE, KEY, null, "2026-03-01T10:00:01Z", 200));
            assertThat(tables.auditEvents()).isEmpty();

            sink.deliver(audited(WORKSPACE, KEY, null, "2026-03-01T10:00:02Z", 200));

            assertThat(tables.auditEvents()).hasSize(3);
            assertThat(sink.pendingRows()).isZero();
        }
    }

    @Test
    void usageEventsAddUpToExactTotalsPerWorkspaceAndKeyPerMinuteAndUtcDay() {
        try (SinkDriver sink = driver()) {
            sink.deliver(call(WORKSPACE, KEY, "2026-03-01T23:58:10Z", 200, 100, 1000, 0, 1));
            sink.deliver(call(WORKSPACE, KEY, "2026-03-01T23:58:50Z", 202, 400, 50, 1, 0));
            sink.deliver(call(WORKSPACE, OTHER_KEY, "2026-03-01T23:58:30Z", 404, 20, 80, 0, 0));
            sink.deliver(call(WORKSPACE, null, "2026-03-01T23:59:05Z", 503, 10, 0, 0, 0));
            sink.deliver(embedded(WORKSPACE, KEY, "2026-03-01T23:59:59.999Z", 120));
            // Midnight UTC opens the next day's window.
            sink.deliver(call(WORKSPACE, OTHER_KEY, "2026-03-02T00:00:00Z", 200, 30, 900, 0, 1));
            sink.deliver(embedded(OTHER_WORKSPACE, OTHER_WORKSPACES_KEY, "2026-03-02T00:00:30Z", 40));
            // The tables are per workspace, so usage without one is counted nowhere.
            sink.deliver(call(null, null, "2026-03-02T00:00:31Z", 200, 5, 5, 0, 1));
            sink.letFlushIntervalPass();

            // Totals: requests, 4xx, 5xx, bytes in, bytes out, memories written, recalls, embedded, tokens.
            assertThat(tables.workspaceWindows()).containsExactlyInAnyOrder(
                    minute(WORKSPACE, null, "2026-03-01T23:58:00Z", new Totals(3, 1, 0, 520, 1130, 1, 1, 0, 0)),
                    minute(WORKSPACE, null, "2026-03-01T23:59:00Z", new Totals(1, 0, 1, 10, 0, 0, 0, 1, 120)),
                    minute(WORKSPACE, null, "2026-03-02T00:00:00Z", new Totals(1, 0, 0, 30, 900, 0, 1, 0, 0)),
                    day(WORKSPACE, null, "2026-03-01", new Totals(4, 1, 1, 530, 1130, 1, 1, 1, 120)),
                    day(WORKSPACE, null, "2026-03-02", new Totals(1, 0, 0, 30, 900, 0, 1, 0, 0)),
                    minute(OTHER_WORKSPACE, null, "2026-03-02T00:00:00Z", new Totals(0, 0, 0, 0, 0, 0, 0, 1, 40)),
                    day(OTHER_WORKSPACE, null, "2026-03-02", new Totals(0, 0, 0, 0, 0, 0, 0, 1, 40)));
            assertThat(tables.keyWindows()).containsExactlyInAnyOrder(
                    minute(WORKSPACE, KEY, "2026-03-01T23:58:00Z", new Totals(2, 0, 0, 500, 1050, 1, 1, 0, 0)),
                    minute(WORKSPACE, KEY, "2026-03-01T23:59:00Z", new Totals(0, 0, 0, 0, 0, 0, 0, 1, 120)),
                    day(WORKSPACE, KEY, "2026-03-01", new Totals(2, 0, 0, 500, 1050, 1, 1, 1, 120)),
                    minute(WORKSPACE, OTHER_KEY, "2026-03-01T23:58:00Z", new Totals(1, 1, 0, 20, 80, 0, 0, 0, 0)),
                    minute(WORKSPACE, OTHER_KEY, "2026-03-02T00:00:00Z", new Totals(1, 0, 0, 30, 900, 0, 1, 0, 0)),
                    day(WORKSPACE, OTHER_KEY, "2026-03-01", new Totals(1, 1, 0, 20, 80, 0, 0, 0, 0)),
                    day(WORKSPACE, OTHER_KEY, "2026-03-02", new Totals(1, 0, 0, 30, 900, 0, 1, 0, 0)),
                    minute(OTHER_WORKSPACE, OTHER_WORKSPACES_KEY, "2026-03-02T00:00:00Z",
                            new Totals(0, 0, 0, 0, 0, 0, 0, 1, 40)),
                    day(OTHER_WORKSPACE, OTHER_WORKSPACES_KEY, "2026-03-02", new Totals(0, 0, 0, 0, 0, 0, 0, 1, 40)));
            assertThat(sink.pendingRows()).isZero();
        }
    }

    @Test
    void aUsageEventDeliveredTwiceCountsOnceAlsoWhenItsWindowWasAlreadyWritten() {
        EventEnvelope recall = call(WORKSPACE, KEY, "2026-03-01T10:00:05Z", 200, 100, 1000, 0, 1);
        EventEnvelope refused = call(WORKSPACE, KEY, "2026-03-01T10:00:40Z", 404, 20, 50, 0, 0);
        try (SinkDriver sink = driver()) {
            sink.deliver(recall);
            sink.deliver(recall);
            sink.letFlushIntervalPass();
            // The window's row now holds the recall; its redelivery must not count, the new call must, and the
            // row must end on the window's whole total, not on what was added since the last write.
            sink.deliver(recall);
            sink.deliver(refused);
            sink.letFlushIntervalPass();

            Totals both = new Totals(2, 1, 0, 120, 1050, 0, 1, 0, 0);
            assertThat(tables.workspaceWindows()).containsExactlyInAnyOrder(
                    minute(WORKSPACE, null, "2026-03-01T10:00:00Z", both),
                    day(WORKSPACE, null, "2026-03-01", both));
            assertThat(tables.keyWindows()).containsExactlyInAnyOrder(
                    minute(WORKSPACE, KEY, "2026-03-01T10:00:00Z", both),
                    day(WORKSPACE, KEY, "2026-03-01", both));
        }
    }

    @Test
    void aUsageEventMoreThanTheGraceBehindTheNewestIsDroppedAndOneExactlyTheGraceBehindCounts() {
        try (SinkDriver sink = driver()) {
            sink.deliver(call(WORKSPACE, KEY, "2026-03-02T00:20:10Z", 200, 100, 1000, 0, 1));
            sink.letFlushIntervalPass();
            // The newest event moves to 00:40; the next flush forgets the running total of the 00:20 minute,
            // whose final total is in Postgres.
            sink.deliver(call(WORKSPACE, KEY, "2026-03-02T00:40:00Z", 202, 300, 40, 1, 0));
            sink.letFlushIntervalPass();

            // Twenty minutes behind: counted from zero, it would overwrite the 00:20 row with itself alone.
            sink.deliver(call(WORKSPACE, KEY, "2026-03-02T00:20:30Z", 500, 7, 0, 0, 0));
            sink.deliver(call(WORKSPACE, KEY, "2026-03-02T00:30:00Z", 200, 10, 500, 0, 1));
            sink.deliver(call(WORKSPACE, KEY, "2026-03-02T00:29:59.999Z", 200, 1, 1, 0, 1));
            sink.letFlushIntervalPass();

            // Every call was made with the one key, so the workspace's rows and the key's hold the same totals.
            for (UUID key : new UUID[] {null, KEY}) {
                assertThat(key == null ? tables.workspaceWindows() : tables.keyWindows()).containsExactlyInAnyOrder(
                        minute(WORKSPACE, key, "2026-03-02T00:20:00Z", new Totals(1, 0, 0, 100, 1000, 0, 1, 0, 0)),
                        minute(WORKSPACE, key, "2026-03-02T00:30:00Z", new Totals(1, 0, 0, 10, 500, 0, 1, 0, 0)),
                        minute(WORKSPACE, key, "2026-03-02T00:40:00Z", new Totals(1, 0, 0, 300, 40, 1, 0, 0, 0)),
                        day(WORKSPACE, key, "2026-03-02", new Totals(3, 0, 0, 410, 1540, 1, 2, 0, 0)));
            }
            assertThat(sink.pendingRows()).isZero();
        }
    }

    private SinkDriver driver() {
        return new SinkDriver(dsl, state);
    }

    private static EventEnvelope call(UUID workspace, UUID key, String time, int status, long bytesIn, long bytesOut,
            long memoriesWritten, long recalls) {
        return EventEnvelope.wrap(UUID.randomUUID(), "/test/gateway", Instant.parse(time), workspace, key, null,
                new UsageRecorded(1, bytesIn, bytesOut, memoriesWritten, recalls, status));
    }

    private static EventEnvelope embedded(UUID workspace, UUID key, String time, long tokens) {
        return EventEnvelope.wrap(UUID.randomUUID(), "/test/ingest", Instant.parse(time), workspace, key, null,
                new MemoriesEmbedded(1, tokens, "bge-small-en-v1.5"));
    }

    private static EventEnvelope audited(UUID workspace, UUID key, UUID person, String time, int status) {
        return EventEnvelope.wrap(UUID.randomUUID(), "/test/gateway", Instant.parse(time), workspace, key, null,
                new RequestAudited("POST /v1/workspaces/{slug}/recall", "POST", status, 35, "req-" + status,
                        "10.0.0.7", person, null));
    }

    /** The row {@link #audited} must become, spelled out rather than read from the event. */
    private static AuditRow auditRow(EventEnvelope event, UUID workspace, UUID key, UUID person, String time,
            int status) {
        return new AuditRow(event.id(), workspace, key, Instant.parse(time), "POST /v1/workspaces/{slug}/recall",
                "POST", status, 35, "req-" + status, "10.0.0.7", person);
    }

    private static UsageRow minute(UUID workspace, UUID key, String start, Totals totals) {
        return new UsageRow(workspace, key, "minute", Instant.parse(start), totals);
    }

    private static UsageRow day(UUID workspace, UUID key, String date, Totals totals) {
        return new UsageRow(workspace, key, "day", Instant.parse(date + "T00:00:00Z"), totals);
    }
}
