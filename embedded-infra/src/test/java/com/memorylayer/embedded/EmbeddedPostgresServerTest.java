package com.memorylayer.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.memorylayer.embedded.EmbeddedPostgresServer.Durability;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A kept cluster with a password asks every connection for it, whether it was made so or trusted everyone before;
 * and after its postmaster is killed it starts again on the same port with its data, the dead postmaster's
 * children ended.
 */
class EmbeddedPostgresServerTest {

    private static final String PASSWORD = "a-generated-password-0123456789";

    @TempDir
    Path directory;

    @Test
    void aNewKeptClusterAsksForItsPasswordAndTrustsNoOne() throws Exception {
        List<String> passwordFilesBefore = passwordFiles();
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(directory.resolve("pg"), 0, Durability.FAST, PASSWORD)) {
            assertThat(connects(postgres, PASSWORD)).isTrue();
            assertRefused(postgres, "");
            assertRefused(postgres, "not-the-password");
            assertThat(Files.readString(directory.resolve("pg").resolve("pg_hba.conf"))).doesNotContainPattern("(?m)^[^#]*\\strust\\b");
            assertThat(postgres.dataSource().getConnection().isValid(1)).as("its own data source carries the password").isTrue();
        }
        assertThat(passwordFiles()).as("initdb's password file is gone").isEqualTo(passwordFilesBefore);
    }

    private static List<String> passwordFiles() throws IOException {
        try (var files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.map(p -> p.getFileName().toString()).filter(name -> name.startsWith("memorylayer-pg-")).sorted().toList();
        }
    }

    @Test
    void aClusterThatTrustedEveryoneIsGivenThePasswordAndKeepsItsData() throws Exception {
        Path data = directory.resolve("pg");
        try (EmbeddedPostgresServer before = EmbeddedPostgresServer.start(data, 0, Durability.FAST)) {
            assertThat(connects(before, "")).as("as zonky makes it: trust").isTrue();
            execute(before, "", "create table kept (note text); insert into kept values ('from before the upgrade')");
        }

        try (EmbeddedPostgresServer after = EmbeddedPostgresServer.start(data, 0, Durability.FAST, PASSWORD)) {
            assertRefused(after, "");
            assertThat(query(after, PASSWORD, "select note from kept")).containsExactly("from before the upgrade");
        }
        // And the next start finds it converted already.
        try (EmbeddedPostgresServer again = EmbeddedPostgresServer.start(data, 0, Durability.FAST, PASSWORD)) {
            assertRefused(again, "");
            assertThat(connects(again, PASSWORD)).isTrue();
        }
    }

    @Test
    void aKilledPostmasterIsRestartedOnTheSamePortWithItsCommittedData() throws Exception {
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(directory.resolve("pg"), 0, Durability.DURABLE, PASSWORD)) {
            execute(postgres, PASSWORD, "create table kept (note text); insert into kept values ('committed before the kill')");
            int port = postgres.port();
            long killed = postgres.postmasterPid();
            // An open session, so the postmaster leaves a child behind that holds its shared memory.
            try (Connection session = DriverManager.getConnection(postgres.jdbcUrl(), "postgres", PASSWORD)) {
                assertThat(session.isValid(1)).isTrue();
                List<ProcessHandle> children = ProcessHandle.of(killed).orElseThrow().children().toList();
                assertThat(children).isNotEmpty();

                ProcessHandle.of(killed).orElseThrow().destroyForcibly();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (postgres.isRunning()) {
                    assertThat(System.nanoTime()).as("the kill is seen").isLessThan(deadline);
                    Thread.sleep(20);
                }

                long restartStarted = System.nanoTime();
                postgres.restart();
                System.out.printf("restarted Postgres after SIGKILL in %.1f s%n", (System.nanoTime() - restartStarted) / 1e9);
                assertThat(children).noneMatch(PostgresProcesses::isAlive);
            }
            assertThat(postgres.isRunning()).isTrue();
            assertThat(postgres.postmasterPid()).isNotEqualTo(killed);
            assertThat(postgres.port()).isEqualTo(port);
            assertThat(query(postgres, PASSWORD, "select note from kept")).containsExactly("committed before the kill");
            assertRefused(postgres, "");
        }
    }

    private static boolean connects(EmbeddedPostgresServer postgres, String password) {
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(), "postgres", password)) {
            return c.isValid(1);
        } catch (SQLException refused) {
            return false;
        }
    }

    private static void assertRefused(EmbeddedPostgresServer postgres, String password) {
        assertThatThrownBy(() -> DriverManager.getConnection(postgres.jdbcUrl(), "postgres", password).close())
                .as("a connection with password '%s'", password)
                .isInstanceOf(SQLException.class)
                .hasMessageContainingAll("password");
    }

    private static void execute(EmbeddedPostgresServer postgres, String password, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(), "postgres", password);
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static List<String> query(EmbeddedPostgresServer postgres, String password, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(), "postgres", password);
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery(sql)) {
            List<String> rows = new ArrayList<>();
            while (r.next()) {
                rows.add(r.getString(1));
            }
            return rows;
        }
    }
}
