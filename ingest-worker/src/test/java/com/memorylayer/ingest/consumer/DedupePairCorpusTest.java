package com.memorylayer.ingest.consumer;

import static com.memorylayer.schemas.jooq.workspace_template.Tables.APPLIED_EVENTS;
import static com.memorylayer.schemas.jooq.workspace_template.Tables.MEMORIES;
import static org.assertj.core.api.Assertions.assertThat;

import com.memorylayer.embedded.EmbeddedPostgresServer;
import com.memorylayer.ingest.curation.CommandDispatcher;
import com.memorylayer.ingest.curation.DedupePairCorpus;
import com.memorylayer.ingest.curation.DedupePairCorpus.LabelledPair;
import com.memorylayer.ingest.curation.DuplicateFinder;
import com.memorylayer.ingest.curation.WorkspaceTx;
import com.memorylayer.ingest.persistence.WorkspaceLedger;
import com.memorylayer.retrieval.embedding.BgeModel;
import com.memorylayer.retrieval.embedding.BgeSmallEmbedder;
import com.memorylayer.schemas.db.Migrations;
import com.memorylayer.schemas.db.WorkspaceDsl;
import com.memorylayer.schemas.db.WorkspaceSchemaName;
import com.memorylayer.schemas.events.DedupeMemories;
import com.memorylayer.schemas.events.EventEnvelope;
import com.memorylayer.schemas.events.MemoryCommand;
import com.memorylayer.schemas.events.RememberMemory;
import com.memorylayer.schemas.memory.MemoryType;
import com.memorylayer.schemas.topics.TopicSettings;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Dedupe on write over the labelled pair corpus ({@code dedupe/pairs.tsv}), through the worker's own applier on a
 * real Postgres with the real embedder: each pair's first text is remembered, then its second, in a session of the
 * pair's own (a narrative's pool), and the second's recorded outcome says whether it was merged. No pair that says
 * something else may be merged; every true repeat must be.
 */
class DedupePairCorpusTest {

    static EmbeddedPostgresServer postgres;
    static WorkspaceDsl workspaces;
    static BgeSmallEmbedder embedder;
    static MemoryCommandApplier applier;

    @BeforeAll
    static void start() {
        postgres = EmbeddedPostgresServer.startTemporary();
        DSLContext dsl = DSL.using(postgres.dataSource(), SQLDialect.POSTGRES);
        workspaces = new WorkspaceDsl(dsl);
        embedder = BgeSmallEmbedder.load(BgeModel.FP32, Path.of("target", "model-cache"));
        applier = new MemoryCommandApplier(embedder, new WorkspaceLedger(dsl),
                new CommandDispatcher(MemoryCommandApplierTest.CURATION, TopicSettings.defaults((short) 1)));
    }

    @AfterAll
    static void stop() {
        embedder.close();
        postgres.close();
    }

    @Test
    void noLabelledPairThatSaysSomethingElseIsMergedAndEveryRepeatIs() {
        UUID ws = newWorkspace();
        List<LabelledPair> pairs = DedupePairCorpus.load();
        List<EventEnvelope> firsts = new ArrayList<>();
        List<EventEnvelope> seconds = new ArrayList<>();
        for (LabelledPair pair : pairs) {
            String session = "pair-" + pair.line();
            firsts.add(command(ws, remember(pair.first(), session, MemoryType.NARRATIVE, true)));
            seconds.add(command(ws, remember(pair.second(), session, MemoryType.NARRATIVE, true)));
        }
        // Batches of the worker's poll size, firsts before seconds: each pair's pool is its session alone.
        applyInPolls(firsts);
        applyInPolls(seconds);

        Map<LabelledPair, String> outcomes = new LinkedHashMap<>();
        for (int i = 0; i < pairs.size(); i++) {
            outcomes.put(pairs.get(i), outcome(ws, seconds.get(i)));
        }
        DedupePairCorpus.Confusion confusion = DedupePairCorpus.confusion(pairs,
                p -> outcomes.get(p).startsWith("merged_into:"));
        System.out.println("Dedupe on write over " + pairs.size() + " labelled pairs:\n" + confusion.table());
        confusion.wrong().forEach(p -> System.out.println("decided against its label: " + p + " -> " + outcomes.get(p)));

        assertThat(confusion.mergedDifferent()).as("false merges").isZero();
        assertThat(confusion.keptRepeats()).as("repeats stored twice").isZero();
        for (int i = 0; i < pairs.size(); i++) {
            if (pairs.get(i).repeat()) {
                assertThat(outcomes.get(pairs.get(i))).isEqualTo("merged_into:" + ((RememberMemory) firsts.get(i).data()).memoryId());
            }
        }
    }

    @Test
    void fourWritersLoadTestingWithLoadAbEachRepeatOnlyTheirOwnWords() {
        UUID ws = newWorkspace();
        List<EventEnvelope> writes = new ArrayList<>();
        for (int round = 0; round < 4; round++) {
            for (int a = 0; a < 4; a++) {
                for (int b = 0; b < 4; b++) {
                    if (a != b) {
                        writes.add(command(ws, remember("load " + a + " " + b, null, MemoryType.NARRATIVE, true)));
                    }
                }
            }
        }
        applyInPolls(writes);

        Map<String, UUID> firstOf = new HashMap<>();
        for (EventEnvelope write : writes) {
            RememberMemory r = (RememberMemory) write.data();
            UUID first = firstOf.putIfAbsent(r.content(), r.memoryId());
            assertThat(outcome(ws, write)).as(r.content()).isEqualTo(first == null ? "stored" : "merged_into:" + first);
        }
        assertThat(ws(ws).fetchCount(MEMORIES)).isEqualTo(12);
    }

    @Test
    void theDedupePassUsesTheSameRuleAndFindsRowsWrittenBeforeTheWordingKey() {
        UUID ws = newWorkspace();
        UUID paid = rememberApplied(ws, "Alice paid Bob 50 dollars for the tickets.", false);
        UUID swapped = rememberApplied(ws, "Bob paid Alice 50 dollars for the tickets.", false);
        UUID old = rememberApplied(ws, "The staging cluster runs Postgres 17 in eu-west", false);
        ws(ws).update(MEMORIES).setNull(MEMORIES.WORDING_KEY).where(MEMORIES.ID.eq(old)).execute();

        // A row without a key is not a candidate on write...
        UUID repeat = rememberApplied(ws, "The staging cluster runs Postgres 17 in eu-west.", true);
        assertThat(memory(ws, repeat)).isNotNull();

        // ...but the pass (POST /memories/dedupe, consolidation) reads its wording from its content, and never
        // pairs the swapped roles.
        WorkspaceTx tx = new WorkspaceTx(ws(ws), ws, command(ws, new DedupeMemories(0.92, 50, true, null)), null, Instant.now());
        List<DuplicateFinder.Pair> pairs = new DuplicateFinder().pairs(tx, 2000);
        assertThat(pairs).singleElement().satisfies(pair -> assertThat(List.of(pair.first(), pair.second()))
                .containsExactlyInAnyOrder(old, repeat));
        assertThat(pairs).noneMatch(pair -> List.of(pair.first(), pair.second()).containsAll(List.of(paid, swapped)));
    }

    private static void applyInPolls(List<EventEnvelope> commands) {
        for (int start = 0; start < commands.size(); start += 64) {
            applier.apply(commands.subList(start, Math.min(commands.size(), start + 64)));
        }
    }

    private static RememberMemory remember(String content, String session, MemoryType type, boolean dedupe) {
        return new RememberMemory(UUID.randomUUID(), content, "note", List.of(), Map.of(), 0.5, session, "api", Instant.now(),
                null, type, null, dedupe, null);
    }

    private static UUID rememberApplied(UUID ws, String content, boolean dedupe) {
        RememberMemory r = remember(content, null, MemoryType.FACT, dedupe);
        applier.apply(List.of(command(ws, r)));
        return r.memoryId();
    }

    private static EventEnvelope command(UUID ws, MemoryCommand command) {
        UUID id = command instanceof RememberMemory r ? r.memoryId() : UUID.randomUUID();
        return EventEnvelope.wrap(id, "/memorylayer/gateway", Instant.now(), ws, null, null, command);
    }

    private static String outcome(UUID ws, EventEnvelope event) {
        return ws(ws).select(APPLIED_EVENTS.OUTCOME).from(APPLIED_EVENTS).where(APPLIED_EVENTS.EVENT_ID.eq(event.id()))
                .fetchSingle().value1();
    }

    private static Object memory(UUID ws, UUID id) {
        return ws(ws).selectFrom(MEMORIES).where(MEMORIES.ID.eq(id)).fetchOne();
    }

    private static UUID newWorkspace() {
        UUID id = UUID.randomUUID();
        Migrations.migrateWorkspace(postgres.dataSource(), WorkspaceSchemaName.of(id));
        return id;
    }

    private static DSLContext ws(UUID ws) {
        return workspaces.in(WorkspaceSchemaName.of(ws));
    }
}
