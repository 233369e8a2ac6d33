package com.memorylayer.ingest.consumer;

import static com.memorylayer.schemas.jooq.workspace_template.Tables.ENTITIES;
import static com.memorylayer.schemas.jooq.workspace_template.Tables.ENTITY_ALIASES;
import static com.memorylayer.schemas.jooq.workspace_template.Tables.ENTITY_MENTIONS;
import static com.memorylayer.schemas.jooq.workspace_template.Tables.ENTITY_RELATIONS;
import static com.memorylayer.schemas.jooq.workspace_template.Tables.RELATION_EVIDENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.memorylayer.embedded.EmbeddedPostgresServer;
import com.memorylayer.entities.EntityExtractor;
import com.memorylayer.entities.graph.GraphIndexer;
import com.memorylayer.ingest.curation.CommandDispatcher;
import com.memorylayer.ingest.persistence.WorkspaceLedger;
import com.memorylayer.retrieval.embedding.BgeModel;
import com.memorylayer.retrieval.embedding.BgeSmallEmbedder;
import com.memorylayer.schemas.db.Migrations;
import com.memorylayer.schemas.db.WorkspaceDsl;
import com.memorylayer.schemas.db.WorkspaceSchemaName;
import com.memorylayer.schemas.events.ChangeStatus;
import com.memorylayer.schemas.events.EditMemory;
import com.memorylayer.schemas.events.EraseMemory;
import com.memorylayer.schemas.events.EventEnvelope;
import com.memorylayer.schemas.events.MemoryCommand;
import com.memorylayer.schemas.events.RememberMemory;
import com.memorylayer.schemas.memory.MemoryStatus;
import com.memorylayer.schemas.memory.MemoryType;
import com.memorylayer.schemas.topics.TopicSettings;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The entity graph follows the memories through the worker's own command path, on a real Postgres with the real
 * embedder and the real OpenNLP models: writes add entities and relations, an edit replaces what the memory
 * said, forgetting withdraws it, erasing leaves no trace, and a rebuild derives the same graph again.
 */
class EntityGraphFollowsMemoriesTest {

    static EmbeddedPostgresServer postgres;
    static WorkspaceDsl workspaces;
    static BgeSmallEmbedder embedder;
    static MemoryCommandApplier applier;
    static GraphIndexer graph;

    @BeforeAll
    static void start() {
        postgres = EmbeddedPostgresServer.startTemporary();
        DSLContext dsl = DSL.using(postgres.dataSource(), SQLDialect.POSTGRES);
        workspaces = new WorkspaceDsl(dsl);
        embedder = BgeSmallEmbedder.load(BgeModel.FP32, Path.of("target", "model-cache"));
        graph = new GraphIndexer(EntityExtractor.english());
        applier = new MemoryCommandApplier(embedder, new WorkspaceLedger(dsl),
                new CommandDispatcher(MemoryCommandApplierTest.CURATION, TopicSettings.defaults((short) 1), graph));
    }

    @AfterAll
    static void stop() {
        embedder.close();
        postgres.close();
    }

    @Test
    void writesAddEntitiesMentionsAndRelationsWithTheMemoryAsEvidence() {
        UUID ws = newWorkspace();
        UUID first = remember(ws, "Priya uses Kubernetes for the billing service in Berlin.", "s-1", "2024-01-10T10:00:00Z");
        UUID second = remember(ws, "Priya's team met Tom at Stanford University.", "s-1", "2024-01-11T10:00:00Z");

        assertThat(ws(ws).select(ENTITIES.ENTITY_KEY, ENTITIES.ENTITY_TYPE, ENTITIES.MENTION_COUNT).from(ENTITIES).fetch()
                .map(r -> tuple(r.value1(), r.value2(), r.value3())))
                .contains(tuple("priya", "person", 2), tuple("kubernetes", "tool", 1), tuple("berlin", "place", 1),
                        tuple("tom", "person", 1), tuple("stanford university", "organisation", 1));
        Record uses = relation(ws, "priya", "kubernetes", "uses");
        assertThat(uses).isNotNull();
        assertThat(uses.get(ENTITY_RELATIONS.EVIDENCE_COUNT)).isEqualTo(1);
        assertThat(uses.get(ENTITY_RELATIONS.VALID_TO)).isNull();
        assertThat(ws(ws).select(RELATION_EVIDENCE.MEMORY_ID).from(RELATION_EVIDENCE)
                .where(RELATION_EVIDENCE.RELATION.eq("uses")).fetch(RELATION_EVIDENCE.MEMORY_ID)).containsExactly(first);
        assertThat(relationBetween(ws, "priya", "tom", GraphIndexer.CO_OCCURS)).isNotNull();
        // Same session, different memories: Kubernetes (first) and Tom (second) are session neighbours.
        assertThat(relationBetween(ws, "kubernetes", "tom", GraphIndexer.SAME_SESSION)).isNotNull();
        assertThat(mentionsOf(ws, second)).contains("priya", "tom", "stanford university");
    }

    @Test
    void aLaterMemoryEndsAStatedRelationAndAnotherRevivesIt() {
        UUID ws = newWorkspace();
        remember(ws, "Ana uses Postgres for the ledger.", null, "2024-01-01T00:00:00Z");
        remember(ws, "Ana no longer uses Postgres.", null, "2024-03-01T00:00:00Z");

        Record uses = relation(ws, "ana", "postgres", "uses");
        assertThat(uses.get(ENTITY_RELATIONS.VALID_FROM)).isEqualTo(OffsetDateTime.parse("2024-01-01T00:00:00Z"));
        assertThat(uses.get(ENTITY_RELATIONS.VALID_TO)).isEqualTo(OffsetDateTime.parse("2024-03-01T00:00:00Z"));

        remember(ws, "Ana uses Postgres again, for reporting.", null, "2024-05-01T00:00:00Z");
        assertThat(relation(ws, "ana", "postgres", "uses").get(ENTITY_RELATIONS.VALID_TO)).isNull();
    }

    @Test
    void anEditReplacesWhatTheMemoryNamedAndForgettingWithdrawsIt() {
        UUID ws = newWorkspace();
        UUID id = remember(ws, "Caroline moved to Sweden.", null, "2024-01-01T00:00:00Z");
        assertThat(keys(ws)).contains("caroline", "sweden");

        apply(ws, new EditMemory(id, "Caroline moved to Norway.", null, List.of(), List.of(), null, null, null, null, null, null,
                null, null, null));
        assertThat(keys(ws)).contains("caroline", "norway").doesNotContain("sweden");

        apply(ws, new ChangeStatus(id, MemoryStatus.FORGOTTEN, "test", null, null, false, null));
        assertThat(keys(ws)).isEmpty();

        apply(ws, new ChangeStatus(id, null, "by mistake", null, null, true, null));
        assertThat(keys(ws)).contains("caroline", "norway");
    }

    @Test
    void anErasedMemoryLeavesNoEntityLinkAndNoRelationEvidenceBehind() {
        UUID ws = newWorkspace();
        UUID kept = remember(ws, "Melanie paints in Denver.", null, "2024-01-01T00:00:00Z");
        UUID erased = remember(ws, "Melanie works with Jolene at the Denver Art Museum.", null, "2024-01-02T00:00:00Z");
        assertThat(keys(ws)).contains("jolene", "denver art museum");

        apply(ws, new EraseMemory(erased, "asked", null));

        assertThat(ws(ws).fetchCount(ENTITY_MENTIONS, ENTITY_MENTIONS.MEMORY_ID.eq(erased))).isZero();
        assertThat(ws(ws).fetchCount(RELATION_EVIDENCE, RELATION_EVIDENCE.MEMORY_ID.eq(erased))).isZero();
        assertThat(keys(ws)).containsExactlyInAnyOrder("melanie", "denver");
        assertThat(ws(ws).select(ENTITIES.MENTION_COUNT).from(ENTITIES).where(ENTITIES.ENTITY_KEY.eq("melanie")).fetchOne(ENTITIES.MENTION_COUNT))
                .isEqualTo(1);
        assertThat(relationBetween(ws, "melanie", "jolene", "works_with")).isNull();
        assertThat(ws(ws).fetchCount(ENTITY_RELATIONS)).isEqualTo(1); // melanie ~ denver, from the kept memory
        assertThat(mentionsOf(ws, kept)).containsExactlyInAnyOrder("melanie", "denver");
    }

    @Test
    void sessionRelationsThatRestOnAnErasedEarlierMemoryGoWithIt() {
        UUID ws = newWorkspace();
        UUID earlier = remember(ws, "Alice joined Project Falcon.", "s-9", "2024-02-01T00:00:00Z");
        remember(ws, "Bob reviewed the Kubernetes setup.", "s-9", "2024-02-02T00:00:00Z");
        remember(ws, "Project Falcon launched in March.", "s-10", "2024-03-01T00:00:00Z");
        assertThat(relationBetween(ws, "bob", "falcon", GraphIndexer.SAME_SESSION)).isNotNull();
        List<Record> before = snapshot(ws);

        apply(ws, new EraseMemory(earlier, "asked", null));

        assertThat(keys(ws)).contains("falcon", "bob").doesNotContain("alice");
        assertThat(relationBetween(ws, "bob", "falcon", GraphIndexer.SAME_SESSION)).as("it rested on the erased memory").isNull();
        assertThat(ws(ws).fetchCount(RELATION_EVIDENCE, RELATION_EVIDENCE.VIA_MEMORY.eq(earlier))).isZero();
        assertThat(snapshot(ws)).isNotEqualTo(before);
        // What is left is what a rebuild derives from what is left.
        List<Record> after = snapshot(ws);
        ws(ws).transaction(c -> graph.rebuild(c.dsl()));
        assertThat(snapshot(ws)).isEqualTo(after);
    }

    @Test
    void anAliasFoldsANameIntoItsEntityAndARebuildDerivesTheSameGraph() {
        UUID ws = newWorkspace();
        ws(ws).insertInto(ENTITY_ALIASES).set(ENTITY_ALIASES.ALIAS_KEY, "mel").set(ENTITY_ALIASES.ENTITY_KEY, "melanie")
                .set(ENTITY_ALIASES.ALIAS, "Mel").set(ENTITY_ALIASES.CREATED_AT, OffsetDateTime.now()).execute();
        remember(ws, "Hey Mel! How was Paris?", null, "2024-01-01T00:00:00Z");
        remember(ws, "Melanie's trip to Paris was great.", null, "2024-01-02T00:00:00Z");

        assertThat(keys(ws)).containsExactlyInAnyOrder("melanie", "paris");
        List<Record> before = snapshot(ws);

        int rebuilt = ws(ws).transactionResult(c -> graph.rebuild(c.dsl()));

        assertThat(rebuilt).isEqualTo(2);
        assertThat(snapshot(ws)).isEqualTo(before);
    }

    private static List<Record> snapshot(UUID ws) {
        List<Record> rows = new java.util.ArrayList<>();
        rows.addAll(ws(ws).select(ENTITIES.ID, ENTITIES.ENTITY_KEY, ENTITIES.ENTITY_TYPE, ENTITIES.MENTION_COUNT).from(ENTITIES)
                .orderBy(ENTITIES.ID).fetch());
        rows.addAll(ws(ws).select(ENTITY_RELATIONS.SOURCE_ID, ENTITY_RELATIONS.TARGET_ID, ENTITY_RELATIONS.RELATION,
                ENTITY_RELATIONS.EVIDENCE_COUNT).from(ENTITY_RELATIONS).orderBy(ENTITY_RELATIONS.SOURCE_ID, ENTITY_RELATIONS.TARGET_ID,
                ENTITY_RELATIONS.RELATION).fetch());
        return rows;
    }

    private static List<String> keys(UUID ws) {
        return ws(ws).select(ENTITIES.ENTITY_KEY).from(ENTITIES).fetch(ENTITIES.ENTITY_KEY);
    }

    private static List<String> mentionsOf(UUID ws, UUID memory) {
        return ws(ws).select(ENTITIES.ENTITY_KEY).from(ENTITY_MENTIONS).join(ENTITIES).on(ENTITIES.ID.eq(ENTITY_MENTIONS.ENTITY_ID))
                .where(ENTITY_MENTIONS.MEMORY_ID.eq(memory)).fetch(ENTITIES.ENTITY_KEY);
    }

    private static Record relation(UUID ws, String source, String target, String relation) {
        return ws(ws).selectFrom(ENTITY_RELATIONS).where(ENTITY_RELATIONS.SOURCE_ID.eq(GraphIndexer.entityId(source)),
                ENTITY_RELATIONS.TARGET_ID.eq(GraphIndexer.entityId(target)), ENTITY_RELATIONS.RELATION.eq(relation)).fetchOne();
    }

    private static Record relationBetween(UUID ws, String a, String b, String relation) {
        Record forward = relation(ws, a, b, relation);
        return forward != null ? forward : relation(ws, b, a, relation);
    }

    private static UUID remember(UUID ws, String content, String session, String createdAt) {
        UUID id = UUID.randomUUID();
        apply(ws, new RememberMemory(id, content, "note", List.of(), Map.of(), 0.5, session, "api", Instant.parse(createdAt), null,
                MemoryType.FACT, null, false, null));
        return id;
    }

    private static void apply(UUID ws, MemoryCommand command) {
        UUID id = command instanceof RememberMemory r ? r.memoryId() : UUID.randomUUID();
        applier.apply(List.of(EventEnvelope.wrap(id, "/memorylayer/gateway", Instant.now(), ws, null, null, command)));
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
