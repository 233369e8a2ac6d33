package com.memorylayer.schemas.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.memorylayer.embedded.EmbeddedPostgresServer;
import com.memorylayer.schemas.db.WorkspaceSchemaUpgrade.Summary;
import com.memorylayer.schemas.db.WorkspaceSchemaUpgrade.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class WorkspaceSchemaUpgradeTest {

    private static final List<String> PROBE = List.of("classpath:db/upgrade-probe");

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
    void aBlockedSchemaIsReportedTheOthersAreUpgradedAndARerunFinishesOnlyIt() {
        List<WorkspaceSchemaName> schemas = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            WorkspaceSchemaName schema = WorkspaceSchemaName.of(UUID.randomUUID());
            Migrations.migrateWorkspace(postgres.dataSource(), schema);
            schemas.add(schema);
        }
        String shipped = version(schemas.get(0));
        WorkspaceSchemaName blocked = schemas.get(2);
        // An object of the probe's name already there makes its migration fail in this schema alone.
        dsl.execute("alter table " + blocked.value() + ".memories add column upgrade_probe integer");
        List<Target> targets = schemas.stream().map(s -> new Target(s, postgres.dataSource())).toList();

        Summary first = new WorkspaceSchemaUpgrade(3, PROBE).upgrade(targets);

        List<WorkspaceSchemaName> others = schemas.stream().filter(s -> !s.equals(blocked)).toList();
        assertThat(first.migrated()).containsExactlyElementsOf(others);
        assertThat(first.alreadyCurrent()).isEmpty();
        assertThat(first.failed()).singleElement().satisfies(failure -> {
            assertThat(failure.schema()).isEqualTo(blocked);
            assertThat(failure.message()).contains("upgrade_probe");
        });
        others.forEach(s -> assertThat(version(s)).isEqualTo("900"));
        assertThat(version(blocked)).isEqualTo(shipped).isNotEqualTo("900");
        assertThat(probeColumnType(others.get(0))).isEqualTo("text");

        dsl.execute("alter table " + blocked.value() + ".memories drop column upgrade_probe");
        Summary rerun = new WorkspaceSchemaUpgrade(2, PROBE).upgrade(targets);

        assertThat(rerun.migrated()).containsExactly(blocked);
        assertThat(rerun.alreadyCurrent()).containsExactlyElementsOf(others);
        assertThat(rerun.failed()).isEmpty();
        assertThat(version(blocked)).isEqualTo("900");
        assertThat(probeColumnType(blocked)).isEqualTo("text");
    }

    @Test
    void aSchemaOnAServerThatCannotBeReachedFailsAloneAndTheShippedMigrationsAloneLeaveCurrentSchemasAsTheyAre() {
        WorkspaceSchemaName reachable = WorkspaceSchemaName.of(UUID.randomUUID());
        Migrations.migrateWorkspace(postgres.dataSource(), reachable);
        WorkspaceSchemaName elsewhere = WorkspaceSchemaName.of(UUID.randomUUID());
        org.postgresql.ds.PGSimpleDataSource unreachable = new org.postgresql.ds.PGSimpleDataSource();
        // Port 1 on loopback: nothing listens there, so the connection is refused at once.
        unreachable.setUrl("jdbc:postgresql://127.0.0.1:1/nowhere?connectTimeout=2");

        Summary summary = new WorkspaceSchemaUpgrade(2).upgrade(List.of(new Target(elsewhere, unreachable),
                new Target(reachable, postgres.dataSource())));

        assertThat(summary.alreadyCurrent()).containsExactly(reachable);
        assertThat(summary.migrated()).isEmpty();
        assertThat(summary.failed()).singleElement().extracting(WorkspaceSchemaUpgrade.Failure::schema).isEqualTo(elsewhere);
        assertThat(version(reachable)).isNotNull().isNotEqualTo("900");
    }

    @Test
    void parallelismBelowOneIsRefused() {
        assertThatThrownBy(() -> new WorkspaceSchemaUpgrade(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("parallelism");
    }

    private static String version(WorkspaceSchemaName schema) {
        return dsl.resultQuery("select version from " + schema.value() + ".flyway_schema_history where success"
                + " and version is not null order by installed_rank desc limit 1").fetchOne().get(0, String.class);
    }

    private static String probeColumnType(WorkspaceSchemaName schema) {
        var row = dsl.resultQuery("select data_type from information_schema.columns where table_schema = ? and table_name ="
                + " 'memories' and column_name = 'upgrade_probe'", schema.value()).fetchOne();
        return row == null ? null : row.get(0, String.class);
    }
}
