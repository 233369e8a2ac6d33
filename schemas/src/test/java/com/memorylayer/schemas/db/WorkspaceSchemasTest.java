package com.memorylayer.schemas.db;

import static com.memorylayer.schemas.jooq.workspace_template.Tables.MEMORIES;
import static org.assertj.core.api.Assertions.assertThat;

import com.memorylayer.embedded.EmbeddedPostgresServer;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class WorkspaceSchemasTest {

    static EmbeddedPostgresServer postgres;
    static DSLContext dsl;

    @BeforeAll
    static void start() {
        postgres = EmbeddedPostgresServer.startTemporary();
        Migrations.migrateControlPlane(postgres.dataSource());
        dsl = DSL.using(postgres.dataSource(), SQLDialect.POSTGRES);
    }

    @AfterAll
    static void stop() {
        postgres.close();
    }

    @Test
    void aMemoryWrittenInOneWorkspaceSchemaIsInvisibleInAnother() {
        WorkspaceSchemaName a = WorkspaceSchemaName.of(UUID.randomUUID());
        WorkspaceSchemaName b = WorkspaceSchemaName.of(UUID.randomUUID());
        Migrations.migrateWorkspace(postgres.dataSource(), a);
        Migrations.migrateWorkspace(postgres.dataSource(), b);
        WorkspaceDsl workspaces = new WorkspaceDsl(dsl);

        UUID id = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now();
        workspaces.in(a).insertInto(MEMORIES)
                .set(MEMORIES.ID, id).set(MEMORIES.CONTENT, "only in a").set(MEMORIES.KIND, "note")
                .set(MEMORIES.METADATA, JSONB.valueOf("{}")).set(MEMORIES.SOURCE, "api")
                .set(MEMORIES.CONTENT_HASH, new byte[] {1}).set(MEMORIES.EMBEDDING, new byte[] {2})
                .set(MEMORIES.EMBEDDING_MODEL, "m").set(MEMORIES.CREATED_AT, now).set(MEMORIES.UPDATED_AT, now)
                .execute();

        assertThat(workspaces.in(a).fetchCount(MEMORIES)).isEqualTo(1);
        assertThat(workspaces.in(b).fetchCount(MEMORIES)).isZero();
        assertThat(dsl.fetchCount(DSL.table(DSL.name(a.value(), "memories")))).isEqualTo(1);
    }

    @Test
    void migratingAWorkspaceTwiceChangesNothing() {
        WorkspaceSchemaName a = WorkspaceSchemaName.of(UUID.randomUUID());
        Migrations.migrateWorkspace(postgres.dataSource(), a);
        Migrations.migrateWorkspace(postgres.dataSource(), a);
        assertThat(new WorkspaceDsl(dsl).in(a).fetchCount(MEMORIES)).isZero();
    }

    @Test
    void aSchemaNameThatIsNotDerivedFromAnIdIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new WorkspaceSchemaName("public; drop table x"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
