package com.memorylayer.ingest.consumer;

import static com.memorylayer.schemas.jooq.workspace_template.Tables.APPLIED_EVENTS;
import static com.memorylayer.schemas.jooq.workspace_template.Tables.COMMAND_PROGRESS;
import static com.memorylayer.schemas.jooq.workspace_template.Tables.MEMORIES;
import static org.assertj.core.api.Assertions.assertThat;

import com.memorylayer.embedded.EmbeddedPostgresServer;
import com.memorylayer.ingest.curation.CommandDispatcher;
import com.memorylayer.ingest.persistence.WorkspaceLedger;
import com.memorylayer.retrieval.embedding.VectorCodec;
import com.memorylayer.schemas.db.Migrations;
import com.memorylayer.schemas.db.WorkspaceDsl;
import com.memorylayer.schemas.db.WorkspaceSchemaName;
import com.memorylayer.schemas.events.DedupeMemories;
import com.memorylayer.schemas.events.EventEnvelope;
import com.memorylayer.schemas.topics.TopicSettings;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.Query;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The bounds of a maintenance pass that a workspace's size cannot move, on a real Postgres, each by the
 * {@link MaintenanceApplier} the maintenance consumer runs: how many memories a dedupe compares, how long a pass
 * writes, and how long one of its statements may run. A pass cut short keeps what it did and says so; a statement
 * cut off ends the command as rejected, never retried for ever.
 */
class MaintenanceBoundsTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static EmbeddedPostgresServer postgres;
    static DSLContext dsl;
    static CommandDispatcher dispatcher;

    @BeforeAll
    static void start() {
        postgres = EmbeddedPostgresServer.startTemporary();
        dsl = DSL.using(postgres.dataSource(), SQLDialect.POSTGRES);
        dispatcher = new CommandDispatcher(MemoryCommandApplierTest.CURATION, TopicSettings.defaults((short) 1));
    }

    @AfterAll
    static void stop() {
        postgres.close();
    }

    @Test
    void aDedupeComparesAtMostMaxComparedMemoriesWhateverTheWorkspaceHolds() {
        UUID ws = workspaceWithRepeats(200);

        EventEnvelope dedupe = run(ws, bounds(10, Duration.ofMinutes(2), Duration.ofSeconds(30)));

        JsonNode result = result(ws, dedupe);
        assertThat(result.get("compared_at_most").asInt()).isEqualTo(10);
        // Ten repeats of one sentence make at most five merges, of the ten most recent memories.
        assertThat(result.get("merged").size()).isEqualTo(5);
        assertThat(ws(ws).fetchCount(MEMORIES, MEMORIES.STATUS.eq("merged"))).isEqualTo(5);
        assertThat(result.get("complete").asBoolean()).isTrue();
    }

    @Test
    void aPassPastItsTimeBoundStopsBetweenTransactionsAndSaysItIsNotComplete() {
        UUID ws = workspaceWithRepeats(200);

        EventEnvelope dedupe = run(ws, bounds(2000, Duration.ZERO, Duration.ofSeconds(30)));

        JsonNode result = result(ws, dedupe);
        assertThat(result.get("complete").asBoolean()).isFalse();
        assertThat(result.get("pairs_found").asInt()).isPositive();
        assertThat(result.get("merged").size()).isZero();
        assertThat(ws(ws).fetchCount(MEMORIES, MEMORIES.STATUS.eq("merged"))).isZero();
        assertThat(ws(ws).select(COMMAND_PROGRESS.STATE).from(COMMAND_PROGRESS).where(COMMAND_PROGRESS.EVENT_ID.eq(dedupe.id()))
                .fetchSingle().value1()).isEqualTo("done");
    }

    @Test
    void aStatementPastTheStatementTimeoutEndsThePassAsRejected() {
        UUID ws = workspaceWithRepeats(2000);

        EventEnvelope dedupe = run(ws, bounds(2000, Duration.ofMinutes(2), Duration.ofMillis(1)));

        assertThat(ws(ws).select(APPLIED_EVENTS.OUTCOME).from(APPLIED_EVENTS).where(APPLIED_EVENTS.EVENT_ID.eq(dedupe.id()))
                .fetchSingle().value1()).isEqualTo("rejected:statement_timeout");
        assertThat(ws(ws).fetchCount(MEMORIES, MEMORIES.STATUS.eq("merged"))).isZero();
    }

    private static MaintenanceProperties bounds(int maxCompared, Duration maxDuration, Duration statementTimeout) {
        return new MaintenanceProperties(10_000, 20, maxCompared, maxDuration, statementTimeout, Duration.ofMinutes(15));
    }

    private static EventEnvelope run(UUID ws, MaintenanceProperties properties) {
        EventEnvelope dedupe = EventEnvelope.wrap(UUID.randomUUID(), "/memorylayer/gateway", Instant.now(), ws, null, null,
                new DedupeMemories(0.5, 10_000, false, null));
        new MaintenanceApplier(new WorkspaceLedger(dsl), dispatcher, properties).apply(dedupe, changed -> { });
        return dedupe;
    }

    /** {@code count} repeats of one sentence, as a workspace written with dedupe off holds them. */
    private static UUID workspaceWithRepeats(int count) {
        UUID ws = UUID.randomUUID();
        Migrations.migrateWorkspace(postgres.dataSource(), WorkspaceSchemaName.of(ws));
        float[] vector = new float[384];
        vector[0] = 1;
        byte[] embedding = VectorCodec.encode(vector);
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).minusDays(1);
        List<Query> inserts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            OffsetDateTime at = start.plusSeconds(i);
            inserts.add(ws(ws).insertInto(MEMORIES).set(MEMORIES.ID, UUID.randomUUID())
                    .set(MEMORIES.CONTENT, "The release train leaves every other Tuesday.").set(MEMORIES.KIND, "note")
                    .set(MEMORIES.METADATA, JSONB.valueOf("{}")).set(MEMORIES.SOURCE, "test")
                    .set(MEMORIES.CONTENT_HASH, new byte[] {0}).set(MEMORIES.EMBEDDING, embedding)
                    .set(MEMORIES.EMBEDDING_MODEL, "test").set(MEMORIES.CREATED_AT, at).set(MEMORIES.UPDATED_AT, at));
        }
        ws(ws).batch(inserts).execute();
        return ws;
    }

    private static JsonNode result(UUID ws, EventEnvelope event) {
        return JSON.readTree(ws(ws).select(APPLIED_EVENTS.RESULT).from(APPLIED_EVENTS)
                .where(APPLIED_EVENTS.EVENT_ID.eq(event.id())).fetchSingle().value1().data());
    }

    private static DSLContext ws(UUID ws) {
        return new WorkspaceDsl(dsl).in(WorkspaceSchemaName.of(ws));
    }
}
