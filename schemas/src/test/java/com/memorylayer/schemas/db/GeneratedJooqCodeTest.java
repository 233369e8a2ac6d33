package com.memorylayer.schemas.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.memorylayer.embedded.EmbeddedPostgresServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.jooq.codegen.GenerationTool;
import org.jooq.meta.jaxb.Configuration;
import org.jooq.meta.jaxb.Database;
import org.jooq.meta.jaxb.Generate;
import org.jooq.meta.jaxb.Generator;
import org.jooq.meta.jaxb.Jdbc;
import org.jooq.meta.jaxb.SchemaMappingType;
import org.jooq.meta.jaxb.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jOOQ classes under {@code src/main/java/com/memorylayer/schemas/jooq} are generated from the migrations
 * against a real Postgres. They are checked in so that every module builds without a database; this test
 * regenerates them and fails when they drift from the migrations.
 *
 * <p>To regenerate after changing a migration:
 * {@code ./mvnw -pl schemas -am test -Dtest=GeneratedJooqCodeTest -Dsurefire.failIfNoSpecifiedTests=false -Dmemorylayer.jooq.regenerate=true}
 */
class GeneratedJooqCodeTest {

    static final String PACKAGE = "com.memorylayer.schemas.jooq";
    static final Path CHECKED_IN = Path.of("src/main/java/com/memorylayer/schemas/jooq");

    @TempDir
    Path generated;

    @Test
    void checkedInJooqClassesMatchTheMigrations() throws Exception {
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.startTemporary()) {
            Migrations.migrateControlPlane(postgres.dataSource());
            Migrations.migrateWorkspaceSchema(postgres.dataSource(), WorkspaceSchemaName.TEMPLATE);
            GenerationTool.generate(configuration(postgres, generated));
        }
        Path fresh = generated.resolve(PACKAGE.replace('.', '/'));
        if (Boolean.getBoolean("memorylayer.jooq.regenerate")) {
            replace(CHECKED_IN, fresh);
        }
        assertThat(filesUnder(CHECKED_IN)).isEqualTo(filesUnder(fresh));
    }

    private static Configuration configuration(EmbeddedPostgresServer postgres, Path directory) {
        return new Configuration()
                .withJdbc(new Jdbc().withDriver("org.postgresql.Driver").withUrl(postgres.jdbcUrl())
                        .withUser(postgres.user()).withPassword(postgres.password()))
                .withGenerator(new Generator()
                        .withDatabase(new Database()
                                .withName("org.jooq.meta.postgres.PostgresDatabase")
                                .withSchemata(new SchemaMappingType().withInputSchema(Migrations.CONTROL_SCHEMA),
                                        new SchemaMappingType().withInputSchema(WorkspaceSchemaName.TEMPLATE))
                                // Spring Session's tables: only its repository reads and writes them.
                                .withExcludes("flyway_schema_history|browser_sessions|browser_sessions_attributes"))
                        .withGenerate(new Generate()
                                .withGeneratedAnnotation(false)
                                .withJavaTimeTypes(true)
                                .withRecords(true)
                                .withPojos(false)
                                .withDaos(false))
                        .withTarget(new Target().withPackageName(PACKAGE).withDirectory(directory.toString())));
    }

    private static Map<String, String> filesUnder(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        if (!Files.isDirectory(root)) {
            return files;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.filter(Files::isRegularFile).forEach(p -> {
                try {
                    files.put(root.relativize(p).toString(), Files.readString(p));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        return files;
    }

    private static void replace(Path target, Path source) throws IOException {
        if (Files.isDirectory(target)) {
            try (Stream<Path> paths = Files.walk(target)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        try (Stream<Path> paths = Files.walk(source)) {
            for (Path p : paths.toList()) {
                Path dest = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest);
                }
            }
        }
    }
}
