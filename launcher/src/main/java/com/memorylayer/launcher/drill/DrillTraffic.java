package com.memorylayer.launcher.drill;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import tools.jackson.databind.ObjectMapper;

/**
 * The drill's clients: writers that remember with an {@code Idempotency-Key} each, alternating gateways and retrying
 * the same key on the other gateway until it is answered 202, and recallers that recall through both gateways and
 * note whether each answer was a 200 within the bound. What they saw is kept for the report.
 */
final class DrillTraffic implements AutoCloseable {

    /** How long a drill recall waits for its answer before it counts as none (see where it is used). */
    static final Duration RECALL_PATIENCE = Duration.ofSeconds(35);

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A write the platform answered 202 (or 200) for. */
    record Accepted(String key, UUID id, String content, long atNanos) {
    }

    /** One recall: when it was sent, its status (0: no answer) and how long the answer took. */
    record RecallSample(long atNanos, int status, String code, long tookNanos) {

        boolean answered() {
            return status == 200;
        }
    }

    private final List<String> gateways;
    private final String slug;
    private final String apiKey;
    private final FaultDrill.Settings settings;
    private final HttpClient http;
    private final Map<String, Accepted> accepted = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<RecallSample> recalls = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private volatile int unanswered;

    DrillTraffic(List<String> gateways, String slug, String apiKey, FaultDrill.Settings settings) {
        this.gateways = List.copyOf(gateways);
        this.slug = slug;
        this.apiKey = apiKey;
        this.settings = settings;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(1)).build();
    }

    void start() {
        for (int w = 0; w < settings.writers(); w++) {
            int writer = w;
            threads.add(Thread.ofPlatform().name("drill-writer-" + w).daemon().start(() -> write(writer)));
        }
        for (int r = 0; r < settings.recallers(); r++) {
            int recaller = r;
            threads.add(Thread.ofPlatform().name("drill-recaller-" + r).daemon().start(() -> recall(recaller)));
        }
    }

    private void write(int writer) {
        for (int seq = 0; running.get(); seq++) {
            String key = "drill-" + run + "-w" + writer + "-" + seq;
            String content = "Drill note " + run + " writer " + writer + " number " + seq + " about the " + TOPICS[seq % TOPICS.length];
            long deadline = System.nanoTime() + settings.writeRetryLimit().toNanos();
            boolean done = false;
            for (int attempt = 0; !done && System.nanoTime() < deadline; attempt++) {
                String gateway = gateways.get((writer + seq + attempt) % gateways.size());
                try {
                    HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(gateway + "/v1/workspaces/" + slug + "/memories"))
                            .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + apiKey)
                            .header("Content-Type", "application/json").header("Idempotency-Key", key)
                            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("content", content))))
                            .build(), HttpResponse.BodyHandlers.ofString());
                    if (answer.statusCode() == 202 || answer.statusCode() == 200) {
                        UUID id = UUID.fromString(JSON.readTree(answer.body()).path("id").asString());
                        accepted.putIfAbsent(key, new Accepted(key, id, content, System.nanoTime()));
                        done = true;
                    } else if (answer.statusCode() < 500 && answer.statusCode() != 429) {
                        throw new IllegalStateException("a drill write was refused: " + answer.statusCode() + " " + answer.body());
                    }
                } catch (IOException e) {
                    // The gateway is gone or the call was cut: the same key again, on the other gateway.
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                if (!done) {
                    pause(Duration.ofMillis(200));
                }
            }
            if (!done) {
                unanswered++;
            }
            pause(settings.writePace());
        }
    }

    /**
     * Recalls through the gateways in turn. A gateway that cannot be reached (refused, reset) is skipped for the
     * other at once, as a client with both addresses, or a load balancer, would; the time counts from the first try.
     */
    private void recall(int recaller) {
        byte[] body = JSON.writeValueAsBytes(Map.of("query", "drill note about the deploy", "limit", 5));
        for (int i = 0; running.get(); i++) {
            long sent = System.nanoTime();
            int status = 0;
            String code = null;
            for (int attempt = 0; attempt < gateways.size() && status == 0; attempt++) {
                String gateway = gateways.get((recaller + i + attempt) % gateways.size());
                try {
                    // Waited for longer than the bound, so that a slow answer is told apart from none, and longer than
                    // the gateway's own wait for a query replica (memorylayer.query.read-timeout, 30 s): "no answer" is
                    // then the gateway's failing to answer, not this client's giving up first. A cold standby replica
                    // building the workspace on two shared cores while a killed member restarts was seen to take >10 s.
                    HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(gateway + "/v1/workspaces/" + slug + "/recall"))
                            .timeout(RECALL_PATIENCE).header("Authorization", "Bearer " + apiKey)
                            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    status = answer.statusCode();
                    if (status != 200) {
                        code = codeOf(answer.body());
                    }
                } catch (java.net.http.HttpTimeoutException e) {
                    // Reached, but no answer within RECALL_PATIENCE: not retried elsewhere.
                    break;
                } catch (IOException e) {
                    status = 0;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            recalls.add(new RecallSample(sent, status, code, System.nanoTime() - sent));
            pause(settings.recallPace());
        }
    }

    private static String codeOf(String body) {
        try {
            return JSON.readTree(body).path("code").asString(null);
        } catch (RuntimeException notJson) {
            return null;
        }
    }

    List<Accepted> accepted() {
        return List.copyOf(accepted.values());
    }

    List<RecallSample> recalls() {
        return List.copyOf(recalls);
    }

    int unanswered() {
        return unanswered;
    }

    String marker() {
        return "Drill note " + run + " ";
    }

    @Override
    public void close() {
        running.set(false);
        for (Thread thread : threads) {
            try {
                thread.join(Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        http.close();
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final String[] TOPICS = {"deploy freeze", "staging database", "release train", "on-call rota",
            "incident review", "billing migration", "search index", "quarterly plan"};

}
