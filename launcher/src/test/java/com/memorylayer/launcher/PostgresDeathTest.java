package com.memorylayer.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.memorylayer.embedded.FreePort;
import com.memorylayer.launcher.LauncherProcessTest.Launched;
import com.memorylayer.launcher.LauncherProcessTest.Ports;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The fault drill of the issue, on a launcher in its own process: its embedded Postgres killed (SIGKILL of the
 * postmaster alone) under four writers. While Postgres is down every request answers {@code 503
 * database_unavailable} with {@code Retry-After} within seconds; the launcher starts Postgres again and the writes go
 * on; nothing answered 202 is lost. The launcher killed in turn leaves its Postgres running, owned by no one: the next
 * start ends it and starts its own. A Postgres that dies more often than the launcher may restart it ends the
 * launcher, with a non-zero status and the reason.
 */
class PostgresDeathTest {

    /** Long enough for several requests to meet the dead database; the default delay is 1 s. */
    private static final Duration DOWN_FOR = Duration.ofSeconds(6);
    private static final Duration ANSWER_BOUND = Duration.ofSeconds(5);

    @Test
    void aKilledPostgresIsAnswered503RestartedWithNothingLostAndAStaleOneIsEndedByTheNextStart() throws Exception {
        // As an older launcher left it: made with the umask, readable by everyone.
        Path data = Files.createDirectory(TestPlatform.tempDirectory().resolve("data"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Ports ports = new Ports(FreePort.pick(), FreePort.pick(), FreePort.pick(), FreePort.pick());
        Path pidFile = data.resolve("postgres").resolve("postmaster.pid");
        // Rate limits out of the way: four writers at full speed pass 240 calls a minute.
        Map<String, String> unlimited = Map.of("MEMORYLAYER_RATE_LIMIT_API_PER_MINUTE", "1000000",
                "MEMORYLAYER_RATE_LIMIT_WORKSPACE_PER_MINUTE", "1000000");
        List<Launched> started = new ArrayList<>();
        List<Long> postmasters = new ArrayList<>();
        try {
            Launched first = Launched.start(data, ports, "first", started, with(unlimited,
                    "MEMORYLAYER_POSTGRES_MAX_RESTARTS", "1", "MEMORYLAYER_POSTGRES_RESTART_DELAY", DOWN_FOR.toSeconds() + "s"));
            // What a shared machine's other users could read before: nothing now, and Postgres wants its password.
            assertThat(mode(data)).isEqualTo("rwx------");
            for (String secret : List.of(LocalSecret.KEY_HASH_SECRET, LocalSecret.POSTGRES_PASSWORD, BootstrapWorkspace.FILE)) {
                assertThat(mode(data.resolve(secret))).as(secret).isEqualTo("rw-------");
            }
            String password = Files.readString(data.resolve(LocalSecret.POSTGRES_PASSWORD));
            assertThat(connects(ports.postgres(), "")).as("a connection without the password").isFalse();
            assertThat(connects(ports.postgres(), password)).isTrue();

            ApiClient api = new ApiClient(first.printed().get("MEMORYLAYER_URL"), first.printed().get("MEMORYLAYER_WORKSPACE"),
                    first.printed().get("MEMORYLAYER_API_KEY"));
            // A signed-in person too (the local operator's link): while the database is away, the rate limiter refuses
            // their calls as anyone else's, within the pool's 2 s.
            Operator operator = Operator.signIn(first.printed().get("MEMORYLAYER_DASHBOARD_URL"), first.printed().get("MEMORYLAYER_URL"));
            assertThat(operator.listMemories().status()).isEqualTo(200);
            Writers writers = new Writers(first.printed().get("MEMORYLAYER_URL"), api);
            writers.start();
            writers.awaitAccepted(a -> true, 20);

            long killed = postmaster(pidFile);
            postmasters.add(killed);
            long killedAt = System.nanoTime();
            ProcessHandle.of(killed).orElseThrow().destroyForcibly();
            List<Answer> operatorsDuringOutage = List.of(operator.listMemories(), operator.listMemories());
            long restarted = awaitNewPostmaster(pidFile, killed, Duration.ofSeconds(60));
            postmasters.add(restarted);
            double downSeconds = (System.nanoTime() - killedAt) / 1e9;
            writers.awaitAccepted(a -> a.sentAt() > killedAt, 10);
            writers.stop();

            // (a) While it was down: a clear refusal, fast, and nothing else.
            List<Answer> afterKill = writers.answers().stream().filter(a -> a.sentAt() > killedAt).toList();
            List<Answer> refused = afterKill.stream().filter(a -> a.status() != 202).toList();
            assertThat(refused).as("requests that met the dead database").hasSizeGreaterThanOrEqualTo(4);
            assertThat(refused).allSatisfy(a -> {
                assertThat(a.status()).as(a.toString()).isEqualTo(503);
                assertThat(a.code()).as(a.toString()).isEqualTo("database_unavailable");
                assertThat(a.retryAfter()).as(a.toString()).isNotNull();
            });
            assertThat(operatorsDuringOutage).allSatisfy(a -> {
                assertThat(a.status()).as("the operator's " + a).isEqualTo(503);
                assertThat(a.code()).as(a.toString()).isEqualTo("database_unavailable");
                assertThat(a.retryAfter()).as(a.toString()).isNotNull();
                assertThat(a.tookNanos()).as(a.toString()).isLessThan(ANSWER_BOUND.toNanos());
            });
            List<Double> took = refused.stream().map(a -> a.tookNanos() / 1e9).sorted().toList();
            assertThat(took.getLast()).as("slowest 503, s").isLessThan(ANSWER_BOUND.toSeconds());

            // (b) The launcher started Postgres again on its own; it still runs and serves.
            assertThat(first.process().isAlive()).isTrue();
            assertThat(Files.readString(first.log())).contains("restarting it on port " + ports.postgres());
            List<String> accepted = writers.acceptedIds();
            Map<String, String> exported = LauncherProcessTest.exportOnceApplied(api, accepted.size());
            assertThat(exported.keySet()).as("every write answered 202 is stored").containsAll(accepted);
            assertThat(writers.sentContents()).as("and nothing that was not written").containsAll(exported.values());
            // The query service's pool came back too: a recall that waits for a write made after the restart.
            String token = api.token(api.remember("Written once Postgres was back"));
            assertThat(api.recallContents("once Postgres was back", 1, token)).containsExactly("Written once Postgres was back");

            // (c) The launcher dies and leaves its Postgres running, owned by no one, holding the port and the cluster.
            first.kill();
            assertThat(isLive(restarted)).as("the killed launcher's postmaster %d runs on", restarted).isTrue();
            Launched second = Launched.start(data, ports, "second", started, with(unlimited,
                    "MEMORYLAYER_POSTGRES_MAX_RESTARTS", "0"));
            assertThat(isLive(restarted)).as("the stale postmaster %d was ended", restarted).isFalse();
            long own = postmaster(pidFile);
            postmasters.add(own);
            assertThat(own).isNotEqualTo(restarted);
            assertThat(Files.readString(second.log())).contains("stale Postgres process");
            assertThat(LauncherProcessTest.exportOnceApplied(api, accepted.size() + 1).keySet()).containsAll(accepted);

            // (d) A death beyond the restarts allowed (none, here) ends the launcher, saying why.
            long givenUpAt = System.nanoTime();
            ProcessHandle.of(own).orElseThrow().destroyForcibly();
            assertThat(second.process().waitFor(60, TimeUnit.SECONDS)).as("the launcher exits; log in " + second.log()).isTrue();
            double exitSeconds = (System.nanoTime() - givenUpAt) / 1e9;
            assertThat(second.process().exitValue()).isEqualTo(1);
            assertThat(Files.readString(second.log())).contains("memorylayer: the embedded Postgres").contains("giving up");

            System.out.printf("Postgres killed under %d writers: down %.1f s (restart delay %d s), %d requests answered 503"
                    + " database_unavailable in %.2f s median, %.2f s at most (the operator's session calls: %s s);"
                    + " %d writes answered 202, all %d stored;"
                    + " launcher ready in %.1f s, after a killed launcher (stale postmaster ended) in %.1f s;"
                    + " exited 1 %.1f s after a death beyond its restarts%n",
                    Writers.THREADS, downSeconds, DOWN_FOR.toSeconds(), refused.size(), took.get(took.size() / 2), took.getLast(),
                    operatorsDuringOutage.stream().map(a -> String.format("%.2f", a.tookNanos() / 1e9)).toList(),
                    accepted.size(), exported.size(), first.readySeconds(), second.readySeconds(), exitSeconds);
        } finally {
            for (Launched launched : started) {
                launched.stopIfRunning();
            }
            for (long pid : postmasters) {
                ProcessHandle.of(pid).ifPresent(p -> {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                });
            }
        }
    }

    private static Map<String, String> with(Map<String, String> base, String... more) {
        Map<String, String> all = new HashMap<>(base);
        for (int i = 0; i < more.length; i += 2) {
            all.put(more[i], more[i + 1]);
        }
        return all;
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    private static boolean connects(int port, String password) {
        try (var c = DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres", "postgres", password)) {
            return c.isValid(1);
        } catch (SQLException refused) {
            return false;
        }
    }

    private static long postmaster(Path pidFile) throws IOException {
        return Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
    }

    /** A process that runs: not ended, not a zombie waiting to be reaped. */
    private static boolean isLive(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (IOException gone) {
            return false;
        }
    }

    private static long awaitNewPostmaster(Path pidFile, long dead, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                long pid = postmaster(pidFile);
                if (pid != dead && isLive(pid)) {
                    return pid;
                }
            } catch (IOException | RuntimeException notThereYet) {
                // removed, or being written
            }
            assertThat(System.nanoTime()).as("a new postmaster within " + timeout).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    /** The local operator, signed in through the launcher's one-time dashboard link: a session cookie, no key. */
    private record Operator(HttpClient http, String url) {

        static Operator signIn(String link, String url) throws Exception {
            HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                    .connectTimeout(Duration.ofSeconds(5)).build();
            HttpResponse<String> signedIn = http.send(HttpRequest.newBuilder(URI.create(link)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(signedIn.statusCode()).as("the one-time link").isEqualTo(302);
            return new Operator(http, url);
        }

        Answer listMemories() throws Exception {
            long sentAt = System.nanoTime();
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url + "/v1/workspaces/default/memories?limit=1"))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isEmpty() ? null : ApiClient.JSON.readTree(response.body());
            return new Answer(null, sentAt, System.nanoTime() - sentAt, response.statusCode(),
                    body == null || body.path("code").isMissingNode() ? null : body.path("code").asString(),
                    response.headers().firstValue("Retry-After").orElse(null));
        }
    }

    /** One call and how it went: the memory id a 202 named; {@code status} -1 when no answer came. */
    record Answer(String id, long sentAt, long tookNanos, int status, String code, String retryAfter) {
    }

    /**
     * Writers that remember until stopped, each write with its own content, so what the export holds can be told
     * apart from anything not written.
     */
    private static final class Writers {

        static final int THREADS = 4;
        private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        private final String url;
        private final ApiClient api;
        private final List<Answer> answers = Collections.synchronizedList(new ArrayList<>());
        private final List<String> sentContents = Collections.synchronizedList(new ArrayList<>());
        private final AtomicInteger next = new AtomicInteger();
        private final ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        private volatile boolean stopped;

        Writers(String baseUrl, ApiClient api) {
            this.api = api;
            this.url = baseUrl + "/v1/workspaces/" + api.get("").body().path("slug").asString() + "/memories";
        }

        void start() {
            for (int i = 0; i < THREADS; i++) {
                threads.execute(() -> {
                    while (!stopped) {
                        write(next.getAndIncrement());
                        pause();
                    }
                });
            }
        }

        private void write(int n) {
            String content = "Written while Postgres dies, number " + n;
            sentContents.add(content);
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json").header("X-API-Key", api.key())
                    .POST(HttpRequest.BodyPublishers.ofString(ApiClient.json(Map.of("content", content))))
                    .build();
            long sentAt = System.nanoTime();
            try {
                HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                JsonNode body = response.body().isEmpty() ? null : ApiClient.JSON.readTree(response.body());
                String id = response.statusCode() == 202 && body != null ? body.path("id").asString() : null;
                answers.add(new Answer(id, sentAt, System.nanoTime() - sentAt, response.statusCode(),
                        body == null || body.path("code").isMissingNode() ? null : body.path("code").asString(),
                        response.headers().firstValue("Retry-After").orElse(null)));
            } catch (IOException | RuntimeException e) {
                answers.add(new Answer(null, sentAt, System.nanoTime() - sentAt, -1, e.toString(), null));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** Enough load to meet the dead database at once, not so much that the worker falls far behind. */
        private void pause() {
            try {
                Thread.sleep(150);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopped = true;
            }
        }

        void awaitAccepted(Predicate<Answer> which, int count) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (answers().stream().filter(a -> a.status() == 202).filter(which).count() < count) {
                assertThat(System.nanoTime()).as(count + " writes answered 202").isLessThan(deadline);
                Thread.sleep(20);
            }
        }

        void stop() throws InterruptedException {
            stopped = true;
            threads.shutdown();
            assertThat(threads.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }

        List<Answer> answers() {
            synchronized (answers) {
                return List.copyOf(answers);
            }
        }

        List<String> acceptedIds() {
            return answers().stream().filter(a -> a.status() == 202).map(Answer::id).toList();
        }

        List<String> sentContents() {
            synchronized (sentContents) {
                return List.copyOf(sentContents);
            }
        }
    }
}
