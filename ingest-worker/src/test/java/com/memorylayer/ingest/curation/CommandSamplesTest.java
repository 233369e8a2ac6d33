package com.memorylayer.ingest.curation;

import static com.memorylayer.schemas.jooq.workspace_template.Tables.APPLIED_EVENTS;
import static com.memorylayer.schemas.jooq.workspace_template.Tables.ERASURES;
import static org.assertj.core.api.Assertions.assertThat;

import com.memorylayer.embedded.EmbeddedPostgresServer;
import com.memorylayer.schemas.db.Migrations;
import com.memorylayer.schemas.db.WorkspaceDsl;
import com.memorylayer.schemas.db.WorkspaceSchemaName;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A maintenance pass reads its sample, then records its result in a later transaction, possibly minutes later: a
 * memory erased in between must not be shown with its text. On a real Postgres with the workspace migrations.
 */
class CommandSamplesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    static EmbeddedPostgresServer postgres;
    static DSLContext ws;

    @BeforeAll
    static void start() {
        postgres = EmbeddedPostgresServer.startTemporary();
        UUID workspace = UUID.randomUUID();
        Migrations.migrateWorkspace(postgres.dataSource(), WorkspaceSchemaName.of(workspace));
        ws = new WorkspaceDsl(DSL.using(postgres.dataSource(), SQLDialect.POSTGRES)).in(WorkspaceSchemaName.of(workspace));
    }

    @AfterAll
    static void stop() {
        postgres.close();
    }

    private static UUID recorded(UUID... shown) {
        UUID event = UUID.randomUUID();
        List<Map<String, Object>> sample = java.util.Arrays.stream(shown)
                .map(id -> Map.<String, Object>of("id", id.toString(), "content", "secret of " + id)).toList();
        ws.insertInto(APPLIED_EVENTS).set(APPLIED_EVENTS.EVENT_ID, event).set(APPLIED_EVENTS.EVENT_TYPE, "memorylayer.memory.batch")
                .set(APPLIED_EVENTS.RESULT, JSONB.valueOf(JSON.writeValueAsString(Map.of("matched", shown.length, "sample", sample))))
                .execute();
        return event;
    }

    private static JsonNode sample(UUID event) {
        return JSON.readTree(ws.select(APPLIED_EVENTS.RESULT).from(APPLIED_EVENTS).where(APPLIED_EVENTS.EVENT_ID.eq(event))
                .fetchSingle(APPLIED_EVENTS.RESULT).data()).path("sample");
    }

    private static void receipt(UUID id) {
        ws.insertInto(ERASURES).set(ERASURES.MEMORY_ID, id).set(ERASURES.EVENT_ID, UUID.randomUUID())
                .set(ERASURES.ERASED_AT, OffsetDateTime.now()).set(ERASURES.REASON, "test").set(ERASURES.STORES, new String[] {"x"})
                .set(ERASURES.COMMAND_LOG_UNTIL, OffsetDateTime.now()).execute();
    }

    @Test
    void aResultRecordedAfterAnErasureShowsTheErasedMemoryWithoutItsText() {
        UUID erased = UUID.randomUUID();
        UUID kept = UUID.randomUUID();
        UUID event = recorded(kept, erased);
        receipt(erased);

        CommandSamples.scrubErased(ws, event);

        JsonNode sample = sample(event);
        assertThat(sample.toString()).doesNotContain("secret of " + erased).contains("secret of " + kept);
        assertThat(sample.get(1).path("id").asString()).isEqualTo(erased.toString());
        assertThat(sample.get(1).path("erased").asBoolean()).isTrue();
        assertThat(sample.get(0).has("erased")).isFalse();
    }

    @Test
    void anErasureMarksTheMemoryInEveryRecordedSampleAndNoOther() {
        UUID erased = UUID.randomUUID();
        UUID first = recorded(erased);
        UUID second = recorded(UUID.randomUUID(), erased);
        UUID other = recorded(UUID.randomUUID());

        CommandSamples.scrub(ws, erased);

        assertThat(sample(first).toString()).doesNotContain("secret of " + erased);
        assertThat(sample(second).get(1).path("content").asString()).isEqualTo("erased");
        assertThat(sample(other).toString()).contains("secret of");
    }
}
