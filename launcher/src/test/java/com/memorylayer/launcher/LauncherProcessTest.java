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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The launcher as a user runs it, in its own process, over one data directory: a first start prints the lines a
 * user needs and runs Postgres durably; SIGINT stops everything and leaves nothing running; a restart finds the
 * same workspace, key and memories; after the launcher and its Postgres are killed in the middle of writes, the next
 * start is ready within 1.5 times a clean start's time, every write answered 202 before the kill is there, and
 * nothing is there that was not written.
 */
class LauncherProcessTest {

    private static final int WRITES_BEFORE_THE_KILL = 40;

    @Test
    void upServesStopsCleanlyOnSigintAndComesBackFastAndWholeAfterSigkill() throws Exception {
        Path data = TestPlatform.tempDirectory();
        Ports ports = new Ports(FreePort.pick(), FreePort.pick(), FreePort.pick(), FreePort.pick());
        List<Launched> started = new ArrayList<>();
        try {
            Launched first = Launched.start(data, ports, "first", started);
            Map<String, String> printed = first.printed();
            assertThat(printed.keySet()).containsExactly("MEMORYLAYER_URL", "MEMORYLAYER_WORKSPACE", "MEMORYLAYER_API_KEY",
                    "MEMORYLAYER_DASHBOARD_URL", "MEMORYLAYER_METRICS", "MEMORYLAYER_READY");
            assertThat(printed.get("MEMORYLAYER_DASHBOARD_URL")).startsWith(printed.get("MEMORYLAYER_URL") + "/login/local/");
            ApiClient api = new ApiClient(printed.get("MEMORYLAYER_URL"), printed.get("MEMORYLAYER_WORKSPACE"),
                    printed.get("MEMORYLAYER_API_KEY"));
            ApiClient.Response remembered = api.remember("The launcher serves the public API");
            String firstMemory = remembered.body().path("id").asString();
            assertTraceFollowed(first.log(), remembered);
            // An agent checkpoints before the platform stops; the next session resumes from it after the restart.
            ApiClient.Response checkpoint = api.post("/v1/workspaces/" + printed.get("MEMORYLAYER_WORKSPACE")
                    + "/sessions/launcher-agent/checkpoint", ApiClient.json(Map.of("note", "stopping for the restart")),
                    Map.of("X-API-Key", printed.get("MEMORYLAYER_API_KEY")));
            assertThat(checkpoint.status()).as(checkpoint.raw()).isEqualTo(202);
            String handoff = checkpoint.body().path("memory_id").asString();
            assertThat(api.recallContents("does the launcher serve the API", 1, null)).isNotNull();
            assertMetricsMoved(printed);
            // A person's memories live here: every commit must reach the disk before it is answered.
            String password = Files.readString(data.resolve(LocalSecret.POSTGRES_PASSWORD));
            assertThat(setting(ports.postgres(), password, "fsync")).isEqualTo("on");
            assertThat(setting(ports.postgres(), password, "synchronous_commit")).isEqualTo("on");

            // Postgres runs as a daemon of its own (pg_ctl detaches it), so it is found through its pid file.
            Path pidFile = data.resolve("postgres").resolve("postmaster.pid");
            long postmaster = postmaster(pidFile);
            first.interrupt();
            assertThat(first.lines()).contains("MEMORYLAYER_STOPPED");
            assertThat(Files.exists(pidFile)).as("postgres removed its pid file").isFalse();
            // The postmaster removes its pid file a moment before it exits; give it that moment.
            ProcessHandle.of(postmaster).ifPresent(p -> p.onExit().completeOnTimeout(p, 30, TimeUnit.SECONDS).join());
            assertThat(ProcessHandle.of(postmaster).filter(ProcessHandle::isAlive)).as("postmaster " + postmaster + " stopped").isEmpty();

            Launched clean = Launched.start(data, ports, "clean", started);
            // The same workspace, key and memories: all of it lives in the data directory.
            assertThat(clean.printed().get("MEMORYLAYER_API_KEY")).isEqualTo(printed.get("MEMORYLAYER_API_KEY"));
            assertThat(api.recallContents("does the launcher serve the API", 1, null))
                    .containsExactly("The launcher serves the public API");
            ApiClient.Response resumed = resumeOnceSaved(api, handoff);
            assertThat(resumed.body().path("latest").path("checkpoint_note").asString()).isEqualTo("stopping for the restart");
            assertThat(resumed.body().path("context").asString()).contains("[checkpoint] stopping for the restart");

            // A crash of the whole machine, as far as one can be staged: the launcher and its Postgres killed at once
            // while writes are still arriving, so some are answered, some are cut off, some are on their way in.
            Writes writes = new Writes(api);
            writes.startAndAwait(WRITES_BEFORE_THE_KILL);
            long crashedPostmaster = postmaster(pidFile);
            List<ProcessHandle> postgres = ProcessHandle.of(crashedPostmaster).map(p ->
                    Stream.concat(Stream.of(p), p.descendants()).toList()).orElseThrow();
            clean.kill();
            postgres.forEach(ProcessHandle::destroyForcibly);
            writes.stop();
            // After a real crash no process survives; here the killed ones linger until this machine's init reaps
            // them, and Postgres refuses to start beside a pid that still answers.
            awaitGone(postgres);

            Launched afterCrash = Launched.start(data, ports, "after-crash", started);
            System.out.printf("launcher ready: first start %.1f s, clean restart %.1f s, restart after SIGKILL %.1f s"
                    + " (%d writes answered 202 before it, %d sent)%n", first.readySeconds(), clean.readySeconds(),
                    afterCrash.readySeconds(), writes.accepted().size(), writes.sent().size());
            assertThat(afterCrash.readySeconds())
                    .as("ready after a crash (%.1f s) within 1.5 times a clean start (%.1f s)",
                            afterCrash.readySeconds(), clean.readySeconds())
                    .isLessThanOrEqualTo(1.5 * clean.readySeconds());
            // Every write answered 202 is there; nothing is there that was not written.
            Map<String, String> exported = exportOnceApplied(api, writes.accepted().size() + 2);
            assertThat(exported.keySet()).containsAll(writes.accepted()).contains(firstMemory, handoff);
            assertThat(exported.remove(handoff)).startsWith("Handoff of session launcher-agent");
            List<String> written = new ArrayList<>(writes.sent());
            written.add("The launcher serves the public API");
            assertThat(written).containsAll(exported.values());
        } finally {
            for (Launched launched : started) {
                launched.stopIfRunning();
            }
        }
    }

    /** The session's resume, once the checkpoint accepted before the stop has been applied. */
    private static ApiClient.Response resumeOnceSaved(ApiClient api, String handoff) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            ApiClient.Response resumed = api.get("/resume?session_id=launcher-agent");
            if (resumed.body().path("handoffs").path(0).path("memory_id").asString("").equals(handoff)) {
                return resumed;
            }
            assertThat(System.nanoTime()).as("resume after the restart finds the saved handoff: " + resumed.raw()).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static void awaitGone(List<ProcessHandle> processes) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (processes.stream().anyMatch(p -> Files.exists(Path.of("/proc", Long.toString(p.pid()))))) {
            assertThat(System.nanoTime()).as("killed Postgres processes reaped").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static long postmaster(Path pidFile) throws IOException {
        return Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
    }

    /**
     * Four writers that remember until stopped, each write with content of its own, so what the export holds can be
     * told apart from anything never sent, whether or not a write's answer arrived.
     */
    private static final class Writes {

        private final ApiClient api;
        private final List<String> sent = Collections.synchronizedList(new ArrayList<>());
        private final List<String> accepted = Collections.synchronizedList(new ArrayList<>());
        private final AtomicInteger next = new AtomicInteger();
        private final ExecutorService writers = Executors.newFixedThreadPool(4);
        private volatile boolean stopped;

        Writes(ApiClient api) {
            this.api = api;
        }

        void startAndAwait(int answered) throws InterruptedException {
            for (int i = 0; i < 4; i++) {
                writers.execute(() -> {
                    while (!stopped) {
                        int n = next.getAndIncrement();
                        String content = "Written around the crash, number " + n;
                        sent.add(content);
                        try {
                            ApiClient.Response answer = api.post("/v1/workspaces/default/memories",
                                    ApiClient.json(Map.of("content", content)),
                                    Map.of("X-API-Key", api.key(), "Idempotency-Key", "crash-" + n));
                            if (answer.status() == 202) {
                                accepted.add(answer.body().path("id").asString());
                            }
                        } catch (RuntimeException cutOff) {
                            return;
                        }
                    }
                });
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (accepted.size() < answered && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(accepted.size()).as("writes answered 202 before the crash").isGreaterThanOrEqualTo(answered);
        }

        void stop() throws InterruptedException {
            stopped = true;
            writers.shutdown();
            assertThat(writers.awaitTermination(90, TimeUnit.SECONDS)).isTrue();
        }

        List<String> sent() {
            return List.copyOf(sent);
        }

        List<String> accepted() {
            return List.copyOf(accepted);
        }
    }

    /**
     * The export's memories, id to content, once it lists at least {@code expected} (the worker applies what it had
     * not); what it lists by then if it never does.
     */
    static Map<String, String> exportOnceApplied(ApiClient api, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            ApiClient.Response export = api.get("/export");
            assertThat(export.status()).isEqualTo(200);
            Map<String, String> memories = new LinkedHashMap<>();
            // Memory lines only: the sessions' diary lines (marked "record") come after them.
            export.raw().lines().filter(line -> !line.isBlank()).map(ApiClient.JSON::readTree).filter(line -> !line.has("record"))
                    .forEach(memory -> memories.put(memory.path("id").asString(), memory.path("content").asString()));
            if (memories.size() >= expected || System.nanoTime() > deadline) {
                return memories;
            }
            Thread.sleep(250);
        }
    }

    /**
     * Every service's Prometheus endpoint, as {@code MEMORYLAYER_METRICS} lists them, after a remember and a recall:
     * the named series are there and have moved, and requests are counted by route template, never by slug.
     */
    private static void assertMetricsMoved(Map<String, String> printed) throws Exception {
        List<String> urls = List.of(printed.get("MEMORYLAYER_METRICS").split(","));
        assertThat(urls).hasSize(4).allSatisfy(url -> assertThat(url).endsWith("/actuator/prometheus"));
        String gateway = scrape(urls.get(0));
        assertThat(gateway).containsPattern("http_server_requests_seconds_count\\{[^}]*uri=\"/v1/workspaces/\\{slug}/recall\"[^}]*} [1-9]");
        assertThat(gateway).doesNotContain(printed.get("MEMORYLAYER_WORKSPACE"));
        assertThat(gateway).containsPattern("memorylayer_ratelimit_refusals_total\\{[^}]*bucket=\"workspace\"[^}]*} ")
                .containsPattern("memorylayer_exports_running\\{[^}]*} 0");
        String query = scrape(urls.get(1));
        for (String stage : List.of("refresh", "query_embedding", "dense", "lexical", "fusion", "row_fetch")) {
            assertThat(query).containsPattern("memorylayer_recall_stage_seconds_count\\{[^}]*stage=\"" + stage + "\"[^}]*} [1-9]");
        }
        assertThat(query).containsPattern("memorylayer_recall_seconds_count\\{[^}]*} [1-9]")
                .containsPattern("memorylayer_runtimes_warm\\{[^}]*} [1-9]")
                .containsPattern("memorylayer_runtimes_misses_total\\{[^}]*} [1-9]")
                .containsPattern("memorylayer_runtimes_max\\{[^}]*} 16")
                .containsPattern("memorylayer_consistency_waiting\\{[^}]*kind=\"write\"[^}]*} ")
                .containsPattern("memorylayer_consistency_timeouts_total\\{[^}]*kind=\"recall\"[^}]*} ");
        // The remember is applied, the lag read and the audit rows flushed in the background: their figures follow.
        awaitSeries(urls.get(2), "memorylayer_commands_applied_total\\{[^}]*outcome=\"stored\"[^}]*} [1-9]",
                "memorylayer_embedder_batch_seconds_count\\{[^}]*} [1-9]", "memorylayer_embedder_texts_total\\{[^}]*} [1-9]",
                "memorylayer_consumer_lag\\{[^}]*group=\"memory-commands\"[^}]*partition=\"0\"[^}]*} ");
        awaitSeries(urls.get(3), "memorylayer_auditsink_flush_seconds_count\\{[^}]*processor=\"audit-trail\"[^}]*} [1-9]",
                "memorylayer_consumer_lag\\{[^}]*group=\"memorylayer-audit-sink\"[^}]*topic=\"memorylayer.audit\"[^}]*} ",
                "memorylayer_auditsink_pending\\{[^}]*} ", "jvm_memory_used_bytes");
    }

    private static boolean allFound(String text, String... patterns) {
        return java.util.Arrays.stream(patterns).allMatch(p -> java.util.regex.Pattern.compile(p).matcher(text).find());
    }

    /** Scrapes {@code url} until every pattern is in it, for at most 30 s; then asserts they are. */
    private static void awaitSeries(String url, String... patterns) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String scraped = scrape(url);
        while (!allFound(scraped, patterns) && System.nanoTime() < deadline) {
            Thread.sleep(250);
            scraped = scrape(url);
        }
        for (String pattern : patterns) {
            assertThat(scraped).as(url).containsPattern(pattern);
        }
    }

    /**
     * One remember followed by its trace id: answered in {@code X-Trace-Id}, on the gateway's line accepting the command
     * and on the ingest worker's line applying it, which only the record's headers carried across Kafka to it.
     */
    private static void assertTraceFollowed(Path log, ApiClient.Response remembered) throws Exception {
        String traceId = remembered.headers().firstValue("X-Trace-Id").orElseThrow(() -> new AssertionError("no X-Trace-Id"));
        assertThat(traceId).matches("[0-9a-f]{32}").isNotEqualTo("0".repeat(32));
        String command = remembered.body().path("command_id").asString();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        List<String> lines = List.of();
        while (System.nanoTime() < deadline) {
            lines = Files.readAllLines(log).stream().filter(line -> line.contains(command)).toList();
            if (lines.stream().anyMatch(line -> line.contains("applied "))) {
                break;
            }
            Thread.sleep(200);
        }
        assertThat(lines).as("lines naming command " + command + " in " + log)
                .anySatisfy(line -> assertThat(line).contains("CommandWrites").contains("accepted ").contains("[" + traceId + "]"))
                .anySatisfy(line -> assertThat(line).contains("MemoryCommandListener").contains("applied ").contains("[" + traceId + "]"));
    }

    private static String scrape(String url) throws Exception {
        try (java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient()) {
            java.net.http.HttpResponse<String> answer = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(url).isEqualTo(200);
            return answer.body();
        }
    }

    private static String setting(int postgresPort, String password, String name) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + postgresPort + "/postgres", "postgres", password);
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

        static Launched start(Path data, Ports ports, String name, List<Launched> started) throws Exception {
            return start(data, ports, name, started, Map.of());
        }

        /** As above, with more environment variables for the launcher (its settings). */
        static Launched start(Path data, Ports ports, String name, List<Launched> started, Map<String, String> environment)
                throws Exception {
            return start(data, ports, name, started, environment,
                    List.of("-cp", System.getProperty("java.class.path"), MemorylayerLauncher.class.getName()));
        }

        /**
         * As above, the launcher run as {@code program}: its main class on the test classpath, or {@code -jar} and the
         * packaged jar.
         */
        static Launched start(Path data, Ports ports, String name, List<Launched> started, Map<String, String> environment,
                List<String> program) throws Exception {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx2g", "--enable-native-access=ALL-UNNAMED", "--add-modules", "jdk.incubator.vector", "-Dai.djl.offline=true",
                    // The launcher's own logging, as its jar has it, not the tests' quieter logback-test.xml that the
                    // test classpath would otherwise give it: the trace ids are checked in its lines.
                    "-Dlogging.config=classpath:logback.xml"));
            command.addAll(program);
            command.add("up");
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().put("MEMORYLAYER_DATA_DIR", data.toString());
            builder.environment().put("MEMORYLAYER_PORT", Integer.toString(ports.gateway()));
            builder.environment().put("MEMORYLAYER_QUERY_PORT", Integer.toString(ports.query()));
            builder.environment().put("MEMORYLAYER_KAFKA_PORT", Integer.toString(ports.kafka()));
            builder.environment().put("MEMORYLAYER_POSTGRES_PORT", Integer.toString(ports.postgres()));
            builder.environment().putAll(environment);
            Path log = data.resolve("launcher-" + name + ".log");
            builder.redirectError(log.toFile());
            long startedAt = System.nanoTime();
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
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
                while (!printed.containsKey("MEMORYLAYER_READY")) {
                    String line = lines.poll(1, TimeUnit.SECONDS);
                    if (line == null) {
                        assertThat(process.isAlive()).as("the launcher exited before it was ready; log in " + log).isTrue();
                        assertThat(System.nanoTime()).as("ready within 180 s; log in " + log).isLessThan(deadline);
                        continue;
                    }
                    int eq = line.indexOf('=');
                    printed.put(eq < 0 ? line : line.substring(0, eq), eq < 0 ? "" : line.substring(eq + 1));
                }
            } catch (AssertionError | RuntimeException e) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw e;
            }
            Launched launched = new Launched(process, printed, lines, (System.nanoTime() - startedAt) / 1e9, log);
            started.add(launched);
            return launched;
        }

        /** After a failed assertion: nothing may be left holding the ports or the data directory. */
        void stopIfRunning() throws Exception {
            if (process.isAlive()) {
                interrupt();
            }
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

        /** A crash: SIGKILL, no shutdown hook runs. */
        void kill() throws Exception {
            process.destroyForcibly();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }
}
