package com.memorylayer.ingest.consumer;

import static com.memorylayer.schemas.jooq.workspace_template.Tables.ANNOTATIONS;
import static com.memorylayer.schemas.jooq.workspace_template.Tables.APPLIED_EVENTS;
import static com.memorylayer.schemas.jooq.workspace_template.Tables.ERASURES;
import static com.memorylayer.schemas.jooq.workspace_template.Tables.MEMORIES;
import static com.memorylayer.schemas.jooq.workspace_template.Tables.MEMORY_HISTORY;
import static org.assertj.core.api.Assertions.assertThat;

import com.memorylayer.embedded.EmbeddedPostgresServer;
import com.memorylayer.ingest.curation.CommandDispatcher;
import com.memorylayer.ingest.persistence.ChangedMemory;
import com.memorylayer.ingest.persistence.WorkspaceLedger;
import com.memorylayer.retrieval.embedding.BgeModel;
import com.memorylayer.retrieval.embedding.BgeSmallEmbedder;
import com.memorylayer.retrieval.embedding.VectorCodec;
import com.memorylayer.schemas.db.Migrations;
import com.memorylayer.schemas.db.WorkspaceDsl;
import com.memorylayer.schemas.db.WorkspaceSchemaName;
import com.memorylayer.schemas.events.AnnotateMemory;
import com.memorylayer.schemas.events.BatchChange;
import com.memorylayer.schemas.events.ChangeStatus;
import com.memorylayer.schemas.events.ConsolidateMemories;
import com.memorylayer.schemas.events.DedupeMemories;
import com.memorylayer.schemas.events.EditMemory;
import com.memorylayer.schemas.events.EraseMemory;
import com.memorylayer.schemas.events.EventEnvelope;
import com.memorylayer.schemas.events.MemoriesAccessed;
import com.memorylayer.schemas.events.MemoryCommand;
import com.memorylayer.schemas.events.RememberMemory;
import com.memorylayer.schemas.jooq.workspace_template.tables.records.MemoriesRecord;
import com.memorylayer.schemas.memory.CurationSettings;
import com.memorylayer.schemas.memory.MemoryLayer;
import com.memorylayer.schemas.memory.MemorySelection;
import com.memorylayer.schemas.memory.MemoryStatus;
import com.memorylayer.schemas.memory.MemoryType;
import com.memorylayer.schemas.topics.TopicSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every curation command applied by the worker's own code on a real Postgres with the real embedder: what each
 * changes, what it records, what it refuses, and that a redelivered command changes nothing.
 */
class CurationCommandsTest {

    static EmbeddedPostgresServer postgres;
    static WorkspaceDsl workspaces;
    static BgeSmallEmbedder embedder;
    static MemoryCommandApplier applier;
    /** Runs the maintenance commands the applier queues, as the maintenance consumer does. */
    static MaintenanceApplier maintenance;

    @BeforeAll
    static void start() {
        postgres = EmbeddedPostgresServer.startTemporary();
        DSLContext dsl = DSL.using(postgres.dataSource(), SQLDialect.POSTGRES);
        workspaces = new WorkspaceDsl(dsl);
        embedder = BgeSmallEmbedder.load(BgeModel.FP32, Path.of("target", "model-cache"));
        CommandDispatcher dispatcher = new CommandDispatcher(MemoryCommandApplierTest.CURATION, TopicSettings.defaults((short) 1));
        applier = new MemoryCommandApplier(embedder, new WorkspaceLedger(dsl), dispatcher);
        maintenance = new MaintenanceApplier(new WorkspaceLedger(dsl), dispatcher, new MaintenanceProperties(10_000, 200, 2000,
                Duration.ofMinutes(2), Duration.ofSeconds(30), Duration.ofMinutes(15)));
    }

    @AfterAll
    static void stop() {
        embedder.close();
        postgres.close();
    }

    @Test
    void anEditChangesTheFieldsReEmbedsNewContentRaisesTheVersionAndKeepsTheOldContentInTheHistory() {
        UUID ws = newWorkspace();
        UUID id = remember(ws, "The standup is at nine", "s-1", MemoryType.NARRATIVE);
        long seqBefore = memory(ws, id).getChangeSeq();

        apply(ws, new EditMemory(id, "The standup moved to ten", null, List.of("meetings"), List.of(), "schedule", null,
                0.9, MemoryLayer.SEMANTIC, MemoryType.FACT, true, null, 1, null));

        MemoriesRecord row = memory(ws, id);
        assertThat(row.getContent()).isEqualTo("The standup moved to ten");
        assertThat(row.getTags()).containsExactly("meetings");
        assertThat(row.getKind()).isEqualTo("schedule");
        assertThat(row.getLayer()).isEqualTo("semantic");
        assertThat(row.getMemoryType()).isEqualTo("fact");
        assertThat(row.getPinned()).isTrue();
        assertThat(row.getImportance()).isEqualTo(0.9);
        assertThat(row.getVersion()).isEqualTo(2);
        assertThat(row.getChangeSeq()).isGreaterThan(seqBefore);
        float[] expected = embedder.embed(List.of("The standup moved to ten"))[0];
        assertThat(dot(VectorCodec.decode(row.getEmbedding()), expected)).isGreaterThan(0.9999);
        var edit = ws(ws).selectFrom(MEMORY_HISTORY).where(MEMORY_HISTORY.MEMORY_ID.eq(id)).and(MEMORY_HISTORY.CHANGE.eq("edited"))
                .fetchSingle();
        assertThat(edit.getOldContent()).isEqualTo("The standup is at nine");
        assertThat(edit.getDetails().data()).contains("\"layer\"").contains("episodic").contains("semantic");
    }

    @Test
    void aStaleVersionIsRejectedAndChangesNothing() {
        UUID ws = newWorkspace();
        UUID id = remember(ws, "The budget is approved", null, MemoryType.FACT);
        apply(ws, edit(id, "The budget is approved, with cuts", 1));

        EventEnvelope stale = command(ws, edit(id, "The budget is rejected", 1));
        applier.apply(List.of(stale));

        assertThat(memory(ws, id).getContent()).isEqualTo("The budget is approved, with cuts");
        assertThat(outcome(ws, stale)).isEqualTo("rejected:version_conflict");
    }

    @Test
    void statusChangesFollowTheTransitionsAndTheHistoryKeepsEachOne() {
        UUID ws = newWorkspace();
        UUID id = remember(ws, "Deploys happen on Fridays", null, MemoryType.FACT);
        UUID other = remember(ws, "Deploys happen on Tuesdays since the freeze", null, MemoryType.FACT);

        assertThat(outcome(ws, apply(ws, status(id, MemoryStatus.CHALLENGED, null)))).isEqualTo("updated");
        assertThat(outcome(ws, apply(ws, status(id, MemoryStatus.MERGED, null)))).isEqualTo("rejected:merge_target_invalid");
        assertThat(outcome(ws, apply(ws, status(id, MemoryStatus.MERGED, id)))).isEqualTo("rejected:merge_target_invalid");
        assertThat(outcome(ws, apply(ws, new ChangeStatus(id, MemoryStatus.SUPERSEDED, "changed", null, other, false, null))))
                .isEqualTo("updated");
        assertThat(memory(ws, id).getSupersededBy()).isEqualTo(other);
        assertThat(outcome(ws, apply(ws, status(id, MemoryStatus.FORGOTTEN, null)))).isEqualTo("updated");
        assertThat(memory(ws, id).getForgottenAt()).isNotNull();
        // Nothing leaves forgotten but a restore, which brings back the status it had before.
        assertThat(outcome(ws, apply(ws, status(id, MemoryStatus.ACTIVE, null)))).isEqualTo("rejected:invalid_transition");
        assertThat(outcome(ws, apply(ws, new ChangeStatus(id, null, "by mistake", null, null, true, null)))).isEqualTo("updated");
        MemoriesRecord row = memory(ws, id);
        assertThat(row.getStatus()).isEqualTo("superseded");
        assertThat(row.getSupersededBy()).isEqualTo(other);
        assertThat(row.getForgottenAt()).isNull();
        assertThat(ws(ws).select(MEMORY_HISTORY.OLD_STATUS, MEMORY_HISTORY.NEW_STATUS).from(MEMORY_HISTORY)
                .where(MEMORY_HISTORY.MEMORY_ID.eq(id)).and(MEMORY_HISTORY.CHANGE.eq("status")).orderBy(MEMORY_HISTORY.ID)
                .fetch(r -> r.value1() + ">" + r.value2()))
                .containsExactly("active>challenged", "challenged>superseded", "superseded>forgotten", "forgotten>superseded");
    }

    @Test
    void aRestoreAfterTheWindowIsRejected() {
        UUID ws = newWorkspace();
        UUID id = remember(ws, "An old forgotten note", null, MemoryType.NARRATIVE);
        apply(ws, status(id, MemoryStatus.FORGOTTEN, null));
        ws(ws).update(MEMORIES).set(MEMORIES.FORGOTTEN_AT, OffsetDateTime.now().minusDays(31)).where(MEMORIES.ID.eq(id)).execute();

        EventEnvelope restore = apply(ws, new ChangeStatus(id, null, null, null, null, true, null));

        assertThat(outcome(ws, restore)).isEqualTo("rejected:restore_window_ended");
        assertThat(memory(ws, id).getStatus()).isEqualTo("forgotten");
    }

    @Test
    void anErasureRemovesTheRowItsNotesAndHistoryAndLeavesAReceipt() {
        UUID ws = newWorkspace();
        UUID id = remember(ws, "My passport number is 123", null, MemoryType.FACT);
        apply(ws, new AnnotateMemory(id, UUID.randomUUID(), "sensitive", null));
        assertThat(ws(ws).fetchCount(ANNOTATIONS)).isEqualTo(1);

        EventEnvelope erase = apply(ws, new EraseMemory(id, "the user asked", null));

        assertThat(outcome(ws, erase)).isEqualTo("updated");
        assertThat(memory(ws, id)).isNull();
        assertThat(ws(ws).fetchCount(ANNOTATIONS)).isZero();
        assertThat(ws(ws).fetchCount(MEMORY_HISTORY, MEMORY_HISTORY.MEMORY_ID.eq(id))).isZero();
        var receipt = ws(ws).selectFrom(ERASURES).where(ERASURES.MEMORY_ID.eq(id)).fetchSingle();
        assertThat(receipt.getReason()).isEqualTo("the user asked");
        assertThat(receipt.getStores()).contains("vectors", "lexical index", "annotations", "history", "warm runtimes");
        // The command log keeps the content until its retention, and a segment's age, run out.
        assertThat(receipt.getCommandLogUntil()).isAfter(receipt.getErasedAt().plusDays(7));
        assertThat(outcome(ws, apply(ws, new EraseMemory(id, null, null)))).isEqualTo("rejected:memory_not_found");
    }

    @Test
    void aWriteNamingAnErasedIdIsRejectedAndTheReceiptStandsAlone() {
        UUID ws = newWorkspace();
        UUID id = remember(ws, "The storeroom code is 4417", null, MemoryType.FACT);
        apply(ws, new EraseMemory(id, "the user asked", null));

        // An ingest item with that id that reached the log before the gateway could know of the erasure.
        // Its event is the item's own, as the bulk path gives it; not the memory id, as a remember's is.
        EventEnvelope again = EventEnvelope.wrap(UUID.randomUUID(), "/memorylayer/gateway", Instant.now(), ws, null, null,
                new RememberMemory(id, "The storeroom code is 4417 again", "note", List.of(), Map.of(), 0.5, null, "ingest:run",
                        Instant.now(), null, MemoryType.FACT, null, false, null));
        applyWithMaintenance(List.of(again));

        assertThat(outcome(ws, again)).isEqualTo("rejected:memory_id_erased");
        assertThat(memory(ws, id)).isNull();
        assertThat(ws(ws).fetchCount(ERASURES, ERASURES.MEMORY_ID.eq(id))).isEqualTo(1);
    }

    @Test
    void aNearDuplicateInTheSameSessionIsMergedIntoTheLiveMemoryAndTheNewIdSaysSo() {
        UUID ws = newWorkspace();
        UUID first = remember(ws, "Caroline went to the LGBTQ support group yesterday.", "session-1", MemoryType.NARRATIVE);
        EventEnvelope again = command(ws, new RememberMemory(UUID.randomUUID(), "Caroline went to the LGBTQ support group yesterday!",
                "note", List.of("support"), Map.of(), 0.9, "session-1", "api", Instant.now()));

        MemoryCommandApplier.AppliedBatch batch = applier.apply(List.of(again));

        assertThat(batch.stored()).singleElement().satisfies(s -> assertThat(s.outcome()).isEqualTo("merged_into:" + first));
        assertThat(outcome(ws, again)).isEqualTo("merged_into:" + first);
        assertThat(ws(ws).select(APPLIED_EVENTS.MEMORY_ID).from(APPLIED_EVENTS).where(APPLIED_EVENTS.EVENT_ID.eq(again.id()))
                .fetchSingle().value1()).isEqualTo(((RememberMemory) again.data()).memoryId());
        assertThat(ws(ws).fetchCount(MEMORIES)).isEqualTo(1);
        MemoriesRecord kept = memory(ws, first);
        assertThat(kept.getTags()).contains("support");
        assertThat(kept.getImportance()).isEqualTo(0.9);
        assertThat(batch.changed()).extracting(ChangedMemory::memoryId, ChangedMemory::change)
                .containsExactly(org.assertj.core.api.Assertions.tuple(first, "merged"));
    }

    @Test
    void theSameWordsInAnotherSessionADifferentNumberOrDifferentWordsAreStoredAsTheirOwnMemories() {
        UUID ws = newWorkspace();
        remember(ws, "Thanks, see you tomorrow!", "session-1", MemoryType.NARRATIVE);
        remember(ws, "Build 41 failed on the linker step", "session-1", MemoryType.NARRATIVE);
        remember(ws, "Stored before the refused ones", "session-1", MemoryType.NARRATIVE);

        UUID otherSession = remember(ws, "Thanks, see you tomorrow!", "session-2", MemoryType.NARRATIVE);
        UUID otherNumber = remember(ws, "Build 42 failed on the linker step", "session-1", MemoryType.NARRATIVE);
        UUID otherWord = remember(ws, "Stored after the refused ones", "session-1", MemoryType.NARRATIVE);

        assertThat(memory(ws, otherSession)).isNotNull();
        assertThat(memory(ws, otherNumber)).isNotNull();
        assertThat(memory(ws, otherWord)).isNotNull();
        assertThat(ws(ws).fetchCount(MEMORIES)).isEqualTo(6);
    }

    @Test
    void aFactIsTheSameFactInAnySessionUnlessDedupeIsTurnedOff() {
        UUID ws = newWorkspace();
        UUID fact = remember(ws, "Alice prefers dark mode", "session-1", MemoryType.FACT);
        EventEnvelope sameFact = command(ws, new RememberMemory(UUID.randomUUID(), "Alice prefers dark mode.", "note", List.of(),
                Map.of(), 0.7, "session-9", "api", Instant.now(), null, MemoryType.FACT, null, null, null));
        EventEnvelope kept = command(ws, new RememberMemory(UUID.randomUUID(), "Alice prefers dark mode!", "note", List.of(),
                Map.of(), 0.7, "session-9", "api", Instant.now(), null, MemoryType.FACT, null, false, null));

        applier.apply(List.of(sameFact, kept));

        assertThat(outcome(ws, sameFact)).isEqualTo("merged_into:" + fact);
        assertThat(outcome(ws, kept)).isEqualTo("stored");
    }

    @Test
    void aBulkForgetNeverTouchesPinnedMemoriesAndADryRunChangesNothing() {
        UUID ws = newWorkspace();
        UUID plain = remember(ws, "Temporary scratch note about the build", null, MemoryType.NARRATIVE);
        UUID pinned = remember(ws, "Keep: the production database password rotates monthly", null, MemoryType.NARRATIVE);
        apply(ws, new EditMemory(pinned, null, null, List.of(), List.of(), null, null, null, null, null, true, null, null, null));
        MemorySelection narratives = MemorySelection.ALL.withDefaultMemoryType(Set.of(MemoryType.NARRATIVE));

        EventEnvelope dryRun = apply(ws, new BatchChange(List.of(), narratives, true, List.of(), List.of(), null, null, null,
                "tidy", true, null));
        assertThat(result(ws, dryRun)).contains("\"matched\": 1").contains(plain.toString()).doesNotContain(pinned.toString());
        assertThat(memory(ws, plain).getStatus()).isEqualTo("active");

        apply(ws, new BatchChange(List.of(), narratives, true, List.of(), List.of(), null, null, null, "tidy", false, null));
        assertThat(memory(ws, plain).getStatus()).isEqualTo("forgotten");
        assertThat(memory(ws, pinned).getStatus()).isEqualTo("active");
    }

    @Test
    void aBatchChangeAppliesToEachChosenMemoryAndSkipsThoseWhoseStatusCannotMove() {
        UUID ws = newWorkspace();
        UUID a = remember(ws, "Batch one: the office moves in March", null, MemoryType.FACT);
        UUID b = remember(ws, "Batch two: lunch is at noon on Fridays", null, MemoryType.FACT);
        apply(ws, status(b, MemoryStatus.FORGOTTEN, null));

        EventEnvelope batch = apply(ws, new BatchChange(List.of(a, b), null, false, List.of("reviewed"), List.of(),
                MemoryLayer.SEMANTIC, true, MemoryStatus.CHALLENGED, "review", false, null));

        assertThat(memory(ws, a).getTags()).contains("reviewed");
        assertThat(memory(ws, a).getLayer()).isEqualTo("semantic");
        assertThat(memory(ws, a).getStatus()).isEqualTo("challenged");
        assertThat(memory(ws, b).getStatus()).isEqualTo("forgotten");
        assertThat(result(ws, batch)).contains("\"skipped\": 1");
    }

    @Test
    void dedupeMergesNearDuplicatePairsOnceEachAndADryRunOnlyFindsThem() {
        UUID ws = newWorkspace();
        UUID kept = rememberWithoutDedupe(ws, "The staging cluster runs Postgres 17 in eu-west", 0.9);
        UUID merged = rememberWithoutDedupe(ws, "The staging cluster runs Postgres 17 in eu-west.", 0.5);
        rememberWithoutDedupe(ws, "Lunch is served at noon", 0.5);

        EventEnvelope dryRun = apply(ws, new DedupeMemories(0.92, 50, true, null));
        assertThat(result(ws, dryRun)).contains("\"pairs_found\": 1").contains(merged.toString());
        assertThat(memory(ws, merged).getStatus()).isEqualTo("active");

        apply(ws, new DedupeMemories(0.92, 50, false, null));
        assertThat(memory(ws, merged).getStatus()).isEqualTo("merged");
        assertThat(memory(ws, merged).getMergedInto()).isEqualTo(kept);
        assertThat(memory(ws, kept).getStatus()).isEqualTo("active");
    }

    @Test
    void consolidationPromotesForgetsTheUnusedAndNeverTheImportantRecalledOrPinned() {
        UUID ws = newWorkspace();
        UUID working = rememberInLayer(ws, "Scratch: trying the new flag", MemoryLayer.WORKING, 0.5, "2020-01-01T00:00:00Z");
        UUID important = rememberInLayer(ws, "The customer's contract renews in June", MemoryLayer.EPISODIC, 0.8, "2026-01-01T00:00:00Z");
        UUID unused = rememberInLayer(ws, "Someone mentioned the weather once", MemoryLayer.EPISODIC, 0.1, "2020-01-01T00:00:00Z");
        UUID unusedPinned = rememberInLayer(ws, "An old pinned trivia item", MemoryLayer.EPISODIC, 0.1, "2020-01-01T00:00:00Z");
        apply(ws, new EditMemory(unusedPinned, null, null, List.of(), List.of(), null, null, null, null, null, true, null, null, null));
        apply(ws, new MemoriesAccessed(List.of(new MemoriesAccessed.Access(important, 5, Instant.now()))));

        EventEnvelope dryRun = apply(ws, new ConsolidateMemories(true, null));
        assertThat(memory(ws, working).getLayer()).isEqualTo("working");
        assertThat(result(ws, dryRun)).contains(working.toString()).contains(important.toString()).contains(unused.toString());

        apply(ws, new ConsolidateMemories(false, null));
        assertThat(memory(ws, working).getLayer()).isEqualTo("episodic");
        assertThat(memory(ws, important).getLayer()).isEqualTo("semantic");
        assertThat(memory(ws, unused).getStatus()).isEqualTo("forgotten");
        assertThat(memory(ws, unusedPinned).getStatus()).isEqualTo("active");
    }

    @Test
    void recallsAddToAccessCountsWithoutAskingWarmRuntimesToRefresh() {
        UUID ws = newWorkspace();
        UUID id = remember(ws, "Recalled twice, then three times", null, MemoryType.NARRATIVE);
        long seq = memory(ws, id).getChangeSeq();
        Instant later = Instant.parse("2026-11-30T10:00:00Z");

        apply(ws, new MemoriesAccessed(List.of(new MemoriesAccessed.Access(id, 2, later.minusSeconds(60)))));
        apply(ws, new MemoriesAccessed(List.of(new MemoriesAccessed.Access(id, 3, later))));

        assertThat(memory(ws, id).getAccessCount()).isEqualTo(5);
        assertThat(memory(ws, id).getLastAccessedAt().toInstant()).isEqualTo(later);
        assertThat(memory(ws, id).getChangeSeq()).isEqualTo(seq);

        // One command counts several memories at once, a repeated one summed, an unknown one ignored.
        UUID other = remember(ws, "Recalled once in the same second", null, MemoryType.NARRATIVE);
        apply(ws, new MemoriesAccessed(List.of(new MemoriesAccessed.Access(id, 1, later.minusSeconds(5)),
                new MemoriesAccessed.Access(other, 1, later.plusSeconds(1)), new MemoriesAccessed.Access(UUID.randomUUID(), 4, later),
                new MemoriesAccessed.Access(id, 2, later.plusSeconds(2)))));
        assertThat(memory(ws, id).getAccessCount()).isEqualTo(8);
        assertThat(memory(ws, id).getLastAccessedAt().toInstant()).isEqualTo(later.plusSeconds(2));
        assertThat(memory(ws, other).getAccessCount()).isEqualTo(1);
        assertThat(memory(ws, other).getLastAccessedAt().toInstant()).isEqualTo(later.plusSeconds(1));
    }

    @Test
    void replayingTheCommandLogAppliesNothingTwice() {
        UUID ws = newWorkspace();
        UUID id = UUID.randomUUID();
        List<EventEnvelope> log = List.of(
                command(ws, new RememberMemory(id, "Replays must change nothing", "note", List.of(), Map.of(), 0.5, null, "api",
                        Instant.now())),
                command(ws, new AnnotateMemory(id, UUID.randomUUID(), "a note", null)),
                command(ws, edit(id, "Replays must change nothing at all", 1)),
                command(ws, new BatchChange(List.of(id), null, false, List.of("replayed"), List.of(), null, null, null, null, false, null)),
                command(ws, new MemoriesAccessed(List.of(new MemoriesAccessed.Access(id, 1, Instant.now())))));
        applyWithMaintenance(log);
        MemoriesRecord once = memory(ws, id);
        int history = ws(ws).fetchCount(MEMORY_HISTORY);

        MemoryCommandApplier.AppliedBatch again = applyWithMaintenance(log);

        assertThat(again.stored()).isEmpty();
        assertThat(again.changed()).isEmpty();
        assertThat(memory(ws, id)).isEqualTo(once);
        assertThat(ws(ws).fetchCount(MEMORY_HISTORY)).isEqualTo(history);
        assertThat(ws(ws).fetchCount(ANNOTATIONS)).isEqualTo(1);
        assertThat(once.getVersion()).isEqualTo(3);
        assertThat(once.getAccessCount()).isEqualTo(1);
    }

    private static UUID remember(UUID ws, String content, String session, MemoryType type) {
        UUID id = UUID.randomUUID();
        apply(ws, new RememberMemory(id, content, "note", List.of(), Map.of(), 0.5, session, "api", Instant.now(), null, type,
                null, null, null));
        return id;
    }

    private static UUID rememberWithoutDedupe(UUID ws, String content, double importance) {
        UUID id = UUID.randomUUID();
        apply(ws, new RememberMemory(id, content, "note", List.of(), Map.of(), importance, null, "api", Instant.now(), null,
                MemoryType.FACT, null, false, null));
        return id;
    }

    private static UUID rememberInLayer(UUID ws, String content, MemoryLayer layer, double importance, String createdAt) {
        UUID id = UUID.randomUUID();
        apply(ws, new RememberMemory(id, content, "note", List.of(), Map.of(), importance, null, "api", Instant.parse(createdAt),
                layer, MemoryType.NARRATIVE, null, false, null));
        return id;
    }

    private static EditMemory edit(UUID id, String content, Integer ifVersion) {
        return new EditMemory(id, content, null, List.of(), List.of(), null, null, null, null, null, null, null, ifVersion, null);
    }

    private static ChangeStatus status(UUID id, MemoryStatus status, UUID mergedInto) {
        return new ChangeStatus(id, status, "test", mergedInto, null, false, null);
    }

    private static EventEnvelope apply(UUID ws, MemoryCommand command) {
        EventEnvelope event = command(ws, command);
        applyWithMaintenance(List.of(event));
        return event;
    }

    /** The commands as the command thread applies them, then the maintenance commands it queued. */
    private static MemoryCommandApplier.AppliedBatch applyWithMaintenance(List<EventEnvelope> commands) {
        MemoryCommandApplier.AppliedBatch batch = applier.apply(commands);
        batch.queued().forEach(queued -> maintenance.apply(queued, changed -> { }));
        return batch;
    }

    private static EventEnvelope command(UUID ws, MemoryCommand command) {
        UUID id = command instanceof RememberMemory r ? r.memoryId() : UUID.randomUUID();
        return EventEnvelope.wrap(id, "/memorylayer/gateway", Instant.now(), ws, null, null, command);
    }

    private static String outcome(UUID ws, EventEnvelope event) {
        return ws(ws).select(APPLIED_EVENTS.OUTCOME).from(APPLIED_EVENTS).where(APPLIED_EVENTS.EVENT_ID.eq(event.id()))
                .fetchSingle().value1();
    }

    private static String result(UUID ws, EventEnvelope event) {
        return ws(ws).select(APPLIED_EVENTS.RESULT).from(APPLIED_EVENTS).where(APPLIED_EVENTS.EVENT_ID.eq(event.id()))
                .fetchSingle().value1().data();
    }

    private static UUID newWorkspace() {
        UUID id = UUID.randomUUID();
        Migrations.migrateWorkspace(postgres.dataSource(), WorkspaceSchemaName.of(id));
        return id;
    }

    private static DSLContext ws(UUID ws) {
        return workspaces.in(WorkspaceSchemaName.of(ws));
    }

    private static MemoriesRecord memory(UUID ws, UUID id) {
        return ws(ws).selectFrom(MEMORIES).where(MEMORIES.ID.eq(id)).fetchOne();
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
