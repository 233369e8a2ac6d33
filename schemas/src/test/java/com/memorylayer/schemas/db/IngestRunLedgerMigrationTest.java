package com.memorylayer.schemas.db;

import static com.memorylayer.schemas.jooq.control.Tables.INGEST_RUNS;
import static com.memorylayer.schemas.jooq.control.Tables.INGEST_RUN_REQUESTS;
import static com.memorylayer.schemas.jooq.control.Tables.WORKSPACES;
import static org.assertj.core.api.Assertions.assertThat;

import com.memorylayer.embedded.EmbeddedPostgresServer;
import com.memorylayer.schemas.jooq.control.tables.records.IngestRunsRecord;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An installation upgraded past control V9 keeps its ingest runs: the ledger each workspace schema held (the run,
 * its accepted requests) is copied into the control plane's, where the gateway now keeps it; a workspace without the
 * old tables is passed over.
 */
class IngestRunLedgerMigrationTest {

    static EmbeddedPostgresServer postgres;
    static DSLContext dsl;

    @BeforeAll
    static void start() {
        postgres = EmbeddedPostgresServer.startTemporary();
        dsl = DSL.using(postgres.dataSource(), SQLDialect.POSTGRES);
    }

    @AfterAll
    static void stop() {
        postgres.close();
    }

    @Test
    void theRunsOfEveryWorkspaceSchemaAreCopiedIntoTheControlLedger() {
        // The release before: control up to V7, a workspace whose schema holds a run and its accepted request.
        Flyway.configure().dataSource(postgres.dataSource()).schemas(Migrations.CONTROL_SCHEMA).defaultSchema(Migrations.CONTROL_SCHEMA)
                .createSchemas(true).locations("classpath:db/control").target("7").load().migrate();
        UUID workspace = UUID.randomUUID();
        WorkspaceSchemaName schema = WorkspaceSchemaName.of(workspace);
        dsl.insertInto(WORKSPACES).set(WORKSPACES.ID, workspace).set(WORKSPACES.SLUG, "old-runs")
                .set(WORKSPACES.NAME, "old runs").set(WORKSPACES.SCHEMA_NAME, schema.value()).execute();
        Migrations.migrateWorkspace(postgres.dataSource(), schema);
        UUID emptyWorkspace = UUID.randomUUID();
        // A workspace row whose schema was never made: nothing to copy, and no failure.
        dsl.insertInto(WORKSPACES).set(WORKSPACES.ID, emptyWorkspace).set(WORKSPACES.SLUG, "no-schema")
                .set(WORKSPACES.NAME, "no schema").set(WORKSPACES.SCHEMA_NAME, WorkspaceSchemaName.of(emptyWorkspace).value()).execute();
        UUID run = UUID.randomUUID();
        UUID request = UUID.randomUUID();
        UUID key = UUID.randomUUID();
        OffsetDateTime started = OffsetDateTime.now(ZoneOffset.UTC).minusHours(2).truncatedTo(ChronoUnit.MICROS);
        OffsetDateTime appended = started.plusMinutes(3);
        var old = com.memorylayer.schemas.jooq.workspace_template.Tables.INGEST_RUNS;
        var oldRequests = com.memorylayer.schemas.jooq.workspace_template.Tables.INGEST_RUN_REQUESTS;
        DSLContext ws = new WorkspaceDsl(dsl).in(schema);
        ws.insertInto(old).set(old.ID, run).set(old.RUN_KIND, "import").set(old.SOURCE_NAME, "notes.jsonl")
                .set(old.SOURCE_TYPE, "export").set(old.ACTOR_KEY_ID, key).set(old.NEXT_INDEX, 7).set(old.ITEMS_ACCEPTED, 7L)
                .set(old.ITEMS_APPLIED, 6L).set(old.ITEMS_REJECTED, 1L)
                .set(old.STARTED_AT, started).set(old.APPENDED_AT, appended).execute();
        ws.insertInto(oldRequests).set(oldRequests.EVENT_ID, request).set(oldRequests.RUN_ID, run)
                .set(oldRequests.FIRST_INDEX, 0).set(oldRequests.ITEMS, 7).set(oldRequests.ACCEPTED_AT, appended).execute();

        Migrations.migrateControlPlane(postgres.dataSource());

        IngestRunsRecord copied = dsl.selectFrom(INGEST_RUNS).where(INGEST_RUNS.ID.eq(run)).fetchOne();
        assertThat(copied).isNotNull();
        assertThat(copied.getWorkspaceId()).isEqualTo(workspace);
        assertThat(copied.getRunKind()).isEqualTo("import");
        assertThat(copied.getSourceName()).isEqualTo("notes.jsonl");
        assertThat(copied.getActorKeyId()).isEqualTo(key);
        assertThat(copied.getNextIndex()).isEqualTo(7);
        assertThat(copied.getItemsAccepted()).isEqualTo(7L);
        assertThat(copied.getStartedAt().toInstant()).isEqualTo(started.toInstant());
        assertThat(copied.getClosedAt()).isNull();
        // Closed by itself ten minutes (the shipped run-idle-close) after its last items, as before.
        assertThat(Duration.between(copied.getAppendedAt(), copied.getIdleCloseAt())).isEqualTo(Duration.ofMinutes(10));
        assertThat(dsl.fetchCount(INGEST_RUN_REQUESTS, INGEST_RUN_REQUESTS.EVENT_ID.eq(request).and(INGEST_RUN_REQUESTS.RUN_ID.eq(run))))
                .isEqualTo(1);
        assertThat(dsl.fetchCount(INGEST_RUNS, INGEST_RUNS.WORKSPACE_ID.eq(emptyWorkspace))).isZero();
    }
}
