package com.memorylayer.gateway.workspace;

import static com.memorylayer.schemas.jooq.control.Tables.WORKSPACES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.memorylayer.embedded.EmbeddedPostgresServer;
import com.memorylayer.gateway.tenant.Workspace;
import com.memorylayer.gateway.tenant.WorkspaceSlug;
import com.memorylayer.schemas.db.Migrations;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A gateway's start migrates only the workspace schemas not recorded at this build's version, records each one it
 * brought there, and names every schema it could not migrate while migrating the rest.
 */
class StartMigrationTest {

    static EmbeddedPostgresServer postgres;
    static DSLContext dsl;
    static WorkspaceProvisioner provisioner;

    @BeforeAll
    static void start() {
        postgres = EmbeddedPostgresServer.startTemporary();
        Migrations.migrateControlPlane(postgres.dataSource());
        dsl = DSL.using(postgres.dataSource(), SQLDialect.POSTGRES);
        provisioner = new WorkspaceProvisioner(dsl, postgres.dataSource());
    }

    @AfterAll
    static void stop() {
        postgres.close();
    }

    @Test
    void onlySchemasBehindAreMigratedAndEachIsRecordedOnceThere() {
        Workspace current = provisioner.create(new WorkspaceSlug("start-current"), null);
        Workspace unknown = provisioner.create(new WorkspaceSlug("start-unknown"), null);
        Workspace broken = provisioner.create(new WorkspaceSlug("start-broken"), null);
        assertThat(version(current)).isEqualTo(Migrations.WORKSPACE_VERSION);
        // As a schema made before versions were recorded, or left behind by an older build: its last migration undone.
        dsl.execute("drop table " + unknown.schema().value() + ".command_progress");
        dsl.execute("delete from " + unknown.schema().value() + ".flyway_schema_history where version = '8'");
        dsl.update(WORKSPACES).setNull(WORKSPACES.SCHEMA_VERSION).where(WORKSPACES.ID.eq(unknown.id())).execute();
        // Behind too, and its migration cannot apply: a table of the name V8 creates is in the way.
        dsl.execute("drop table " + broken.schema().value() + ".command_progress");
        dsl.execute("delete from " + broken.schema().value() + ".flyway_schema_history where version = '8'");
        dsl.execute("create table " + broken.schema().value() + ".command_progress (in_the_way int)");
        dsl.update(WORKSPACES).set(WORKSPACES.SCHEMA_VERSION, "7").where(WORKSPACES.ID.eq(broken.id())).execute();

        assertThatThrownBy(provisioner::migrateAll).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("1 of 2").hasMessageContaining(broken.schema().value());
        // The other was migrated and recorded; the broken one stays behind, and the current one was not asked.
        assertThat(version(unknown)).isEqualTo(Migrations.WORKSPACE_VERSION);
        assertThat(dsl.fetchValue("select to_regclass({0}) is not null", DSL.val(unknown.schema().value() + ".command_progress")))
                .isEqualTo(true);
        assertThat(version(broken)).isEqualTo("7");

        dsl.execute("drop table " + broken.schema().value() + ".command_progress");
        assertThat(provisioner.migrateAll()).as("schemas checked on the next start").isEqualTo(1);
        assertThat(version(broken)).isEqualTo(Migrations.WORKSPACE_VERSION);
        assertThat(provisioner.migrateAll()).as("nothing left behind").isZero();
    }

    private static String version(Workspace workspace) {
        return dsl.select(WORKSPACES.SCHEMA_VERSION).from(WORKSPACES).where(WORKSPACES.ID.eq(workspace.id()))
                .fetchOne(WORKSPACES.SCHEMA_VERSION);
    }
}
