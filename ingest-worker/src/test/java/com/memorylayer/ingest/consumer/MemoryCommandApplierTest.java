package com.memorylayer.ingest.consumer;

import static com.memorylayer.schemas.jooq.workspace_template.Tables.APPLIED_EVENTS;
import static com.memorylayer.schemas.jooq.workspace_template.Tables.MEMORIES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import com.memorylayer.embedded.EmbeddedPostgresServer;
import com.memorylayer.ingest.curation.CommandDispatcher;
import com.memorylayer.ingest.persistence.WorkspaceLedger;
import com.memorylayer.schemas.memory.CurationSettings;
import com.memorylayer.schemas.topics.TopicSettings;
import java.time.Duration;
import com.memorylayer.ingest.persistence.StoredMemory;
import com.memorylayer.retrieval.embedding.BgeModel;
import com.memorylayer.retrieval.embedding.BgeSmallEmbedder;
import com.memorylayer.retrieval.embedding.VectorCodec;
import com.memorylayer.schemas.db.Migrations;
import com.memorylayer.schemas.db.WorkspaceDsl;
import com.memorylayer.schemas.db.WorkspaceSchemaName;
import com.memorylayer.schemas.events.EventEnvelope;
import com.memorylayer.schemas.events.RememberMemory;
import com.memorylayer.schemas.jooq.workspace_template.tables.records.AppliedEventsRecord;
import com.memorylayer.schemas.jooq.workspace_template.tables.records.MemoriesRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The applier and its writer on a real Postgres with migrated workspace schemas and the real bge-small embedder:
 * what a remember stores, that a command is applied once however often it arrives, and which failures skip one
 * command and which fail the batch so that it is retried.
 */
class MemoryCommandApplierTest {

    static EmbeddedPostgresServer postgres;
    static DSLContext dsl;
    static WorkspaceDsl workspaces;
    static BgeSmallEmbedder embedder;
    static MemoryCommandApplier applier;
    /** The shipped lifecycle rules, the worker's schedules aside. */
    static final CurationSettings CURATION = new CurationSettings(0.92, 2000, 50, Duration.ofDays(30), Duration.ofMinutes(30),
            2, 0.7, 5, Duration.ofDays(90), 0.3, Duration.ZERO, Duration.ZERO);

    @BeforeAll
    static void start() {
        postgres = EmbeddedPostgresServer.startTemporary();
        dsl = DSL.using(postgres.dataSource(), SQLDialect.POSTGRES);
        workspaces = new WorkspaceDsl(dsl);
        embedder = BgeSmallEmbedder.load(BgeModel.FP32, Path.of("target", "model-cache"));
        applier = new MemoryCommandApplier(embedder, new WorkspaceLedger(dsl), new CommandDispatcher(CURATION, TopicSettings.defaults((short) 1)));
    }

    @AfterAll
    static void stop() {
        embedder.close();
        postgres.close();
    }

    @Test
    void aRememberIsStoredWithEveryFieldAndItsEventIsRecordedAsApplied() throws Exception {
        UUID workspace = newWorkspace();
        // A time well before now, so a stored created_at that is the apply time rather than the command's shows.
        Instant createdAt = Instant.parse("2024-03-01T10:15:30.123456Z");
        EventEnvelope command = command(workspace, new RememberMemory(UUID.randomUUID(), "The release moved to Friday",
                "decision", List.of("release", "planning"), Map.of("project", "apollo", "priority", 2, "owner", Map.of("team", "core")),
                0.9, "session-42", "import", createdAt));

        List<StoredMemory> stored = applier.apply(List.of(command)).stored();

        RememberMemory remember = (RememberMemory) command.data();
        MemoriesRecord row = memory(workspace, remember.memoryId());
        assertThat(row.getContent()).isEqualTo("The release moved to Friday");
        assertThat(row.getKind()).isEqualTo("decision");
        assertThat(row.getTags()).containsExactly("release", "planning");
        assertThat(JsonMapper.builder().build().readValue(row.getMetadata().data(), Map.class))
                .isEqualTo(Map.of("project", "apollo", "priority", 2, "owner", Map.of("team", "core")));
        assertThat(row.getImportance()).isEqualTo(0.9);
        assertThat(row.getSessionId()).isEqualTo("session-42");
        assertThat(row.getSource()).isEqualTo("import");
        assertThat(row.getContentHash()).isEqualTo(MessageDigest.getInstance("SHA-256")
                .digest("The release moved to Friday".getBytes(StandardCharsets.UTF_8)));
        assertThat(row.getCreatedAt().toInstant()).isEqualTo(createdAt);
        assertThat(row.getUpdatedAt().toInstant()).isEqualTo(createdAt);
        assertThat(row.getStatus()).isEqualTo("active");
        assertThat(row.getForgottenAt()).isNull();
        assertThat(row.getLayer()).isEqualTo("episodic");
        assertThat(row.getMemoryType()).isEqualTo("narrative");
        assertThat(row.getPinned()).isFalse();
        assertThat(row.getVersion()).isEqualTo(1);
        assertThat(row.getAccessCount()).isZero();
        assertThat(row.getEmbeddingModel()).isEqualTo(embedder.modelName());
        // The vector is the model's for this content: unit length and pointing the same way (cosine 1).
        float[] vector = VectorCodec.decode(row.getEmbedding());
        assertThat(vector).hasSize(embedder.dimension());
        assertThat(dot(vector, embedder.embed(List.of("The release moved to Friday"))[0])).isCloseTo(1.0, within(1e-4));

        AppliedEventsRecord applied = appliedEvent(workspace, command.id());
        assertThat(applied).isNotNull();
        assertThat(applied.getEventType()).isEqualTo(RememberMemory.TYPE);
        assertThat(applied.getMemoryId()).isEqualTo(remember.memoryId());

        assertThat(stored).containsExactly(new StoredMemory(workspace, remember.memoryId(), command.id(), row.getChangeSeq(), true, "stored"));
    }

    @Test
    void aCommandAppliedAgainStoresNothingTwiceAndIsNotReportedAsANewChange() {
        UUID workspace = newWorkspace();
        EventEnvelope command = remember(workspace, "Redelivered after a crash before the offset commit");
        List<StoredMemory> first = applier.apply(List.of(command)).stored();
        long changeSeq = memory(workspace, memoryId(command)).getChangeSeq();

        List<StoredMemory> again = applier.apply(List.of(command)).stored();

        assertThat(first).hasSize(1);
        assertThat(again).isEmpty();
        assertThat(countMemories(workspace)).isEqualTo(1);
        assertThat(countAppliedEvents(workspace)).isEqualTo(1);
        // An untouched row keeps its change_seq; a rewrite would take a fresh one and reach readers as a change.
        assertThat(memory(workspace, memoryId(command)).getChangeSeq()).isEqualTo(changeSeq);
    }

    /**
     * The writer's own check, under the applier's: a batch can carry one event twice (a producer retry), and the
     * per-batch lookup cannot see the first copy before it is written.
     */
    @Test
    void aCommandTwiceInOneBatchIsStoredOnceAndTheSecondCopyIsReportedAsAlreadyApplied() {
        UUID workspace = newWorkspace();
        EventEnvelope command = remember(workspace, "Sent twice by a retrying producer");

        List<StoredMemory> stored = applier.apply(List.of(command, command)).stored();

        long changeSeq = memory(workspace, memoryId(command)).getChangeSeq();
        assertThat(stored).containsExactly(
                new StoredMemory(workspace, memoryId(command), command.id(), changeSeq, true, "stored"),
                new StoredMemory(workspace, memoryId(command), command.id(), changeSeq, false, "stored"));
        assertThat(countMemories(workspace)).isEqualTo(1);
        assertThat(countAppliedEvents(workspace)).isEqualTo(1);
    }

    /**
     * Values Postgres refuses however often they are tried — a NUL in text (SQLSTATE 22021), a NUL escape in
     * jsonb (22P05), an importance of NaN, which the command's own range check lets through but the table's check
     * constraint does not (23514) — are rejected one command at a time, with their outcome recorded; the commands
     * around them, in their workspace and in another, are stored.
     */
    @Test
    void commandsWithValuesPostgresRefusesAreRejectedAloneAndTheRestOfTheBatchIsStored() {
        UUID workspace = newWorkspace();
        UUID other = newWorkspace();
        EventEnvelope before = remember(workspace, "Stored before the refused ones");
        EventEnvelope nulInContent = remember(workspace, "a NUL \u0000 in the text");
        EventEnvelope nulInMetadata = command(workspace, new RememberMemory(UUID.randomUUID(), "a NUL in the metadata", "note",
                List.of(), Map.of("note", "nul \u0000 here"), 0.5, null, "api", Instant.now()));
        EventEnvelope nanImportance = command(workspace, new RememberMemory(UUID.randomUUID(), "an importance of NaN", "note",
                List.of(), Map.of(), Double.NaN, null, "api", Instant.now()));
        EventEnvelope after = remember(workspace, "Stored after the refused ones");
        EventEnvelope elsewhere = remember(other, "Stored in another workspace of the same batch");

        List<StoredMemory> stored = applier.apply(List.of(before, nulInContent, nulInMetadata, nanImportance, after, elsewhere)).stored();

        assertThat(stored).filteredOn(StoredMemory::created).extracting(StoredMemory::commandEventId)
                .containsExactly(before.id(), after.id(), elsewhere.id());
        assertThat(stored).filteredOn(m -> !m.created()).extracting(StoredMemory::commandEventId, StoredMemory::outcome)
                .containsExactly(tuple(nulInContent.id(), "rejected:invalid_value"),
                        tuple(nulInMetadata.id(), "rejected:invalid_value"), tuple(nanImportance.id(), "rejected:invalid_value"));
        assertThat(workspaces.in(WorkspaceSchemaName.of(workspace)).select(MEMORIES.ID).from(MEMORIES).fetch(MEMORIES.ID))
                .containsExactlyInAnyOrder(memoryId(before), memoryId(after));
        // Recorded with their outcome, never dropped silently: nothing of them was written, and a client asking
        // what became of them learns why; a redelivery finds them applied and changes nothing.
        assertThat(appliedEvent(workspace, nulInContent.id()).getOutcome()).isEqualTo("rejected:invalid_value");
        assertThat(appliedEvent(workspace, nulInMetadata.id()).getOutcome()).isEqualTo("rejected:invalid_value");
        assertThat(appliedEvent(workspace, nanImportance.id()).getOutcome()).isEqualTo("rejected:invalid_value");
        assertThat(memory(other, memoryId(elsewhere))).isNotNull();
    }

    /**
     * A failure that is not about the values (here a table taken away, as in an outage or a botched migration)
     * must fail the batch so it is retried, not skip the command; the retry then stores each command once,
     * including those of another workspace that were committed before the failure.
     */
    @Test
    void aFailureThatIsNotAboutTheValuesFailsTheBatchAndItsRetryStoresEachCommandOnce() {
        UUID healthy = newWorkspace();
        UUID broken = newWorkspace();
        EventEnvelope first = remember(healthy, "Committed before the other workspace failed");
        EventEnvelope second = remember(broken, "Waiting for its table to come back");
        DSLContext brokenSchema = workspaces.in(WorkspaceSchemaName.of(broken));
        String schema = WorkspaceSchemaName.of(broken).value();
        dsl.alterTable(DSL.table(DSL.name(schema, "memories"))).renameTo(DSL.name("memories_away")).execute();

        assertThatThrownBy(() -> applier.apply(List.of(first, second))).isInstanceOf(RuntimeException.class);
        assertThat(brokenSchema.fetchCount(APPLIED_EVENTS)).isZero();

        dsl.alterTable(DSL.table(DSL.name(schema, "memories_away"))).renameTo(DSL.name("memories")).execute();
        List<StoredMemory> retried = applier.apply(List.of(first, second)).stored();

        assertThat(retried).extracting(StoredMemory::commandEventId).containsExactly(second.id());
        assertThat(countMemories(healthy)).isEqualTo(1);
        assertThat(countMemories(broken)).isEqualTo(1);
    }

    private static UUID newWorkspace() {
        UUID id = UUID.randomUUID();
        Migrations.migrateWorkspace(postgres.dataSource(), WorkspaceSchemaName.of(id));
        return id;
    }

    private static EventEnvelope remember(UUID workspace, String content) {
        return command(workspace, new RememberMemory(UUID.randomUUID(), content, "note", List.of(), Map.of(), 0.5, null, "api",
                Instant.now()));
    }

    /** As the gateway sends it: the event id is the memory id. */
    private static EventEnvelope command(UUID workspace, RememberMemory remember) {
        return EventEnvelope.wrap(remember.memoryId(), "/memorylayer/gateway", Instant.now(), workspace, null,
                remember.memoryId().toString(), remember);
    }

    private static UUID memoryId(EventEnvelope command) {
        return ((RememberMemory) command.data()).memoryId();
    }

    private static MemoriesRecord memory(UUID workspace, UUID memoryId) {
        return workspaces.in(WorkspaceSchemaName.of(workspace)).selectFrom(MEMORIES).where(MEMORIES.ID.eq(memoryId)).fetchOne();
    }

    private static AppliedEventsRecord appliedEvent(UUID workspace, UUID eventId) {
        return workspaces.in(WorkspaceSchemaName.of(workspace)).selectFrom(APPLIED_EVENTS)
                .where(APPLIED_EVENTS.EVENT_ID.eq(eventId)).fetchOne();
    }

    private static int countMemories(UUID workspace) {
        return workspaces.in(WorkspaceSchemaName.of(workspace)).fetchCount(MEMORIES);
    }

    private static int countAppliedEvents(UUID workspace) {
        return workspaces.in(WorkspaceSchemaName.of(workspace)).fetchCount(APPLIED_EVENTS);
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
