package com.memorylayer.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.memorylayer.embedded.FreePort;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The launcher as a user runs it, in its own process, over one data directory: a first start prints the lines a
 * user needs and runs Postgres durably; SIGINT stops everything and leaves nothing running; a restart finds the
 * same workspace, key and memories; after SIGKILL in the middle of writes, the next start is ready within 1.5 times
 * a clean start's time, and every write that was answered 202 before the kill is there, once.
 */
class LauncherProcessTest {

    private static final int WRITES_BEFORE_THE_KILL = 40;

    @Test
    void upServesStopsCleanlyOnSigintAndComesBackFastAndWholeAfterSigkill() throws Exception {
        Path data = TestPlatform.tempDirectory();
        Ports ports = new Ports(FreePort.pick(), FreePort.pick(), FreePort.pick(), FreePort.pick());

        Launched first = Launched.start(data, ports, "first");
        Map<String, String> printed = first.printed();
        assertThat(printed.keySet()).containsExactly("MEMORYLAYER_URL", "MEMORYLAYER_WORKSPACE", "MEMORYLAYER_API_KEY",
                "MEMORYLAYER_DASHBOARD_URL", "MEMORYLAYER_READY");
        assertThat(printed.get("MEMORYLAYER_DASHBOARD_URL")).startsWith(printed.get("MEMORYLAYER_URL") + "/login/local/");
        ApiClient api = new ApiClient(printed.get("MEMORYLAYER_URL"), printed.get("MEMORYLAYER_WORKSPACE"),
                printed.get("MEMORYLAYER_API_KEY"));
        String token = api.token(api.remember("The launcher serves the public API"));
        assertThat(api.recallContents("does the launcher serve the API", 1, token))
                .containsExactly("The launcher serves the public API");
        // A person's memories live here: every commit must reach the disk before it is answered.
        assertThat(setting(ports.postgres(), "fsync")).isEqualTo("on");
        assertThat(setting(ports.postgres(), "synchronous_commit")).isEqualTo("on");

        // Postgres runs as a daemon of its own (pg_ctl detaches it), so it is found through its pid file.
        Path pidFile = data.resolve("postgres").resolve("postmaster.pid");
        long postmaster = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
        assertThat(ProcessHandle.of(postmaster)).as("postgres is running").hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());
        first.interrupt();
        assertThat(first.lines()).contains("MEMORYLAYER_STOPPED");
        assertThat(Files.exists(pidFile)).as("postgres removed its pid file").isFalse();
        // The postmaster removes its pid file a moment before it exits; give it that moment.
        ProcessHandle.of(postmaster).ifPresent(p -> p.onExit().completeOnTimeout(p, 30, TimeUnit.SECONDS).join());
        assertThat(ProcessHandle.of(postmaster).filter(ProcessHandle::isAlive)).as("postmaster " + postmaster + " stopped").isEmpty();

        Launched clean = Launched.start(data, ports, "clean");
        // The same workspace, key and memories: all of it lives in the data directory.
        assertThat(clean.printed().get("MEMORYLAYER_API_KEY")).isEqualTo(printed.get("MEMORYLAYER_API_KEY"));
        assertThat(api.recallContents("does the launcher serve the API", 1, null))
                .containsExactly("The launcher serves the public API");
        List<String> accepted = writeInParallel(api, WRITES_BEFORE_THE_KILL);
        clean.kill();

        Launched afterCrash = Launched.start(data, ports, "after-crash");
        System.out.printf("launcher ready: first start %.1f s, clean restart %.1f s, restart after SIGKILL %.1f s%n",
                first.readySeconds(), clean.readySeconds(), afterCrash.readySeconds());
        try {
            assertThat(afterCrash.readySeconds())
                    .as("ready after a crash (%.1f s) within 1.5 times a clean start (%.1f s)",
                            afterCrash.readySeconds(), clean.readySeconds())
                    .isLessThanOrEqualTo(1.5 * clean.readySeconds());
            List<String> exported = exportedIdsOnceApplied(api, accepted.size() + 1);
            assertThat(exported).doesNotHaveDuplicates().containsAll(accepted).hasSize(accepted.size() + 1);
        } finally {
            afterCrash.interrupt();
        }
    }

    /** Writes from four clients at once; the ids of those answered 202. */
    private static List<String> writeInParallel(ApiClient api, int count) throws InterruptedException {
        List<String> accepted = Collections.synchronizedList(new ArrayList<>());
        ExecutorService writers = Executors.newFixedThreadPool(4);
        for (int i = 0; i < count; i++) {
            int n = i;
            writers.execute(() -> {
                ApiClient.Response answer = api.remember("Written just before the crash, number " + n);
                assertThat(answer.status()).isEqualTo(202);
                accepted.add(answer.body().path("id").asString());
            });
        }
        writers.shutdown();
        assertThat(writers.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        assertThat(accepted).hasSize(count);
        return accepted;
    }

    /** The export's memory ids, once it lists {@code expected} memories (the worker applies what it had not yet). */
    private static List<String> exportedIdsOnceApplied(ApiClient api, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        List<String> ids;
        do {
            ApiClient.Response export = api.get("/export");
            assertThat(export.status()).isEqualTo(200);
            ids = export.raw().lines().filter(l -> !l.isBlank())
                    .map(l -> l.substring(l.indexOf("\"id\":\"") + 6, l.indexOf("\"id\":\"") + 42)).toList();
            if (ids.size() >= expected) {
                return ids;
            }
            Thread.sleep(250);
        } while (System.nanoTime() < deadline);
        return ids;
    }

    private static String setting(int postgresPort, String name) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + postgresPort + "/postgres", "postgres", "");
                ResultSet r = c.createStatement().executeQuery("show " + name)) {
            r.next();
            return r.getString(1);
        }
    }

    record Ports(int gateway, int query, int kafka, int postgres) {
    }

    /** One launcher process, started and read until it printed MEMORYLAYER_READY. */
    record Launched(Process process, Map<String, String> printed, BlockingQueue<String> lines, double readySeconds,
            Path log) {

        static Launched start(Path data, Ports ports, String name) throws Exception {
            ProcessBuilder builder = new ProcessBuilder(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx2g", "--enable-native-access=ALL-UNNAMED", "--add-modules", "jdk.incubator.vector", "-Dai.djl.offline=true",
                    "-cp", System.getProperty("java.class.path"),
                    MemorylayerLauncher.class.getName(), "up");
            builder.environment().put("MEMORYLAYER_DATA_DIR", data.toString());
            builder.environment().put("MEMORYLAYER_PORT", Integer.toString(ports.gateway()));
            builder.environment().put("MEMORYLAYER_QUERY_PORT", Integer.toString(ports.query()));
            builder.environment().put("MEMORYLAYER_KAFKA_PORT", Integer.toString(ports.kafka()));
            builder.environment().put("MEMORYLAYER_POSTGRES_PORT", Integer.toString(ports.postgres()));
            Path log = data.resolve("launcher-" + name + ".log");
            builder.redirectError(log.toFile());
            long started = System.nanoTime();
            Process process = builder.start();
            BlockingQueue<String> lines = new LinkedBlockingQueue<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = out.readLine()) != null) {
                        lines.add(line);
                    }
                } catch (IOException ignored) {
                    // the process ended
                }
            });
            reader.start();
            Map<String, String> printed = new LinkedHashMap<>();
            try {
                while (!printed.containsKey("MEMORYLAYER_READY")) {
                    String line = lines.poll(180, TimeUnit.SECONDS);
                    assertThat(line).as("launcher output before ready; log in " + log).isNotNull();
                    int eq = line.indexOf('=');
                    printed.put(eq < 0 ? line : line.substring(0, eq), eq < 0 ? "" : line.substring(eq + 1));
                }
            } catch (AssertionError | RuntimeException e) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw e;
            }
            return new Launched(process, printed, lines, (System.nanoTime() - started) / 1e9, log);
        }

        /** Ctrl-C: stops everything in order. */
        void interrupt() throws Exception {
            try {
                new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
                assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("stopped within 60 s of SIGINT; log in " + log).isTrue();
            } finally {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        }

        /** A crash: SIGKILL, no shutdown hook runs; the Postgres daemon it started is left behind, as after a real crash. */
        void kill() throws Exception {
            process.destroyForcibly();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }
}
