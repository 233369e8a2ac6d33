package com.memorylayer.gateway.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import com.memorylayer.gateway.access.Scope;
import com.memorylayer.schemas.events.EventCodec;
import com.memorylayer.schemas.events.RequestAudited;
import com.memorylayer.schemas.topics.Topic;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rate limits at their real defaults (240 a minute on the API, 12 on sign-in), on two gateway instances that share
 * one Postgres: each bucket is one bucket, whichever instance a request reaches.
 */
class RateLimitTest {

    @TempDir
    static Path directory;
    static GatewayHarness harness;
    static GatewayHarness.Gateway first;
    static GatewayHarness.Gateway second;
    /** Both gateways' clock: time stands still while a test spends a bucket, and moves on only when told. */
    static final SettableClock clock = new SettableClock();
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        harness = new GatewayHarness(directory);
        // The shared buckets' own limits are tested below; here they stand back, so one key can spend its 240 at once.
        Map<String, String> keyLimitsOnly = Map.of("memorylayer.rate-limit.workspace-per-minute", "100000",
                "memorylayer.rate-limit.owner-per-minute", "100000");
        first = harness.startGateway(keyLimitsOnly, clock);
        second = harness.startGateway(keyLimitsOnly, clock);
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    @Test
    void the241stApiCallInAMinuteIsRefusedAcrossTwoInstancesAndTheBucketRefills() throws Exception {
        GatewayHarness.TestWorkspace workspace = first.newWorkspace(Set.of(Scope.READ));
        String path = "/v1/workspaces/" + workspace.slug();
        for (int i = 1; i <= 240; i++) {
            GatewayHarness.Gateway gateway = i % 2 == 0 ? first : second;
            HttpResponse<String> answer = get(gateway, path, workspace.token());
            assertThat(answer.statusCode()).as("call %d", i).isEqualTo(200);
            assertThat(answer.headers().firstValue("X-RateLimit-Limit")).contains("240");
            assertThat(answer.headers().firstValue("X-RateLimit-Remaining")).contains(Integer.toString(240 - i));
        }
        HttpResponse<String> refused = get(first, path, workspace.token());
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.body()).contains("\"code\":\"rate_limited\"");
        assertThat(refused.headers().firstValue("X-RateLimit-Remaining")).contains("0");
        long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
        long reset = Long.parseLong(refused.headers().firstValue("X-RateLimit-Reset").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 60L);
        assertThat(reset).isBetween(1L, 60L);
        // The other instance refuses too: the bucket is shared.
        assertThat(get(second, path, workspace.token()).statusCode()).isEqualTo(429);
        // Another key has a bucket of its own.
        GatewayHarness.TestWorkspace other = first.newWorkspace(Set.of(Scope.READ));
        assertThat(get(second, "/v1/workspaces/" + other.slug(), other.token()).statusCode()).isEqualTo(200);

        assertThat(auditedStatuses()).as("the refusal is audited").contains(429);

        // A moment before the refill the bucket is still empty; once Retry-After has passed it is full again.
        clock.advance(Duration.ofSeconds(retryAfter).minusMillis(1500));
        assertThat(get(first, path, workspace.token()).statusCode()).isEqualTo(429);
        clock.advance(Duration.ofMillis(1500));
        HttpResponse<String> refilled = get(second, path, workspace.token());
        assertThat(refilled.statusCode()).isEqualTo(200);
        assertThat(refilled.headers().firstValue("X-RateLimit-Remaining")).contains("239");
    }

    @Test
    void madeUpKeysSpendTheirAddressesTokensNotARealKeys() throws Exception {
        GatewayHarness.TestWorkspace real = first.newWorkspace(Set.of(Scope.READ));
        String realPrefix = real.token().substring(0, "mlk_".length() + 12);
        String path = "/v1/workspaces/" + real.slug();
        for (int i = 1; i <= 240; i++) {
            // The real key's prefix with a wrong secret, then random prefixes: all of it is one address's bucket.
            String fake = i == 1 ? realPrefix + "_" + "A".repeat(43)
                    : "mlk_" + String.format("%012x", i) + "_" + "B".repeat(43);
            HttpResponse<String> answer = get(i % 2 == 0 ? first : second, path, fake);
            assertThat(answer.statusCode()).as("made-up key %d", i).isEqualTo(401);
        }
        HttpResponse<String> refused = get(first, path, "mlk_ffffffffffff_" + "C".repeat(43));
        assertThat(refused.statusCode()).isEqualTo(429);
        // The real key's bucket was never touched.
        HttpResponse<String> genuine = get(second, path, real.token());
        assertThat(genuine.statusCode()).isEqualTo(200);
        assertThat(genuine.headers().firstValue("X-RateLimit-Remaining")).contains("239");
    }

    @Test
    void aChangedLimitAppliesToExistingBucketsAtTheirNextCallAndTheRefusalNamesIt() throws Exception {
        GatewayHarness.TestWorkspace workspace = first.newWorkspace(Set.of(Scope.READ));
        String path = "/v1/workspaces/" + workspace.slug();
        for (int i = 1; i <= 240; i++) {
            assertThat(get(first, path, workspace.token()).statusCode()).as("call %d", i).isEqualTo(200);
        }
        assertThat(get(first, path, workspace.token()).statusCode()).isEqualTo(429);

        // The same Postgres, the limit raised: the emptied bucket of 240 no longer decides.
        GatewayHarness.Gateway raised = harness.startGateway(Map.of("memorylayer.rate-limit.api-per-minute", "1000000",
                "memorylayer.rate-limit.workspace-per-minute", "1000000", "memorylayer.rate-limit.owner-per-minute", "1000000"), clock);
        HttpResponse<String> answer = get(raised, path, workspace.token());
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("X-RateLimit-Limit")).contains("1000000");
        // (What is left now: the workspace's bucket lets a sixth of its minute go in any ten seconds.)
        assertThat(Long.parseLong(answer.headers().firstValue("X-RateLimit-Remaining").orElseThrow())).isEqualTo(1_000_000 / 6 - 1);

        // Lowered: the new limit holds from the next call, and the refusal states it.
        GatewayHarness.Gateway lowered = harness.startGateway(Map.of("memorylayer.rate-limit.api-per-minute", "3"), clock);
        for (int i = 1; i <= 3; i++) {
            assertThat(get(lowered, path, workspace.token()).statusCode()).as("call %d", i).isEqualTo(200);
        }
        HttpResponse<String> refused = get(lowered, path, workspace.token());
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.body()).contains("rate limit of 3 requests per minute reached");
        assertThat(refused.headers().firstValue("X-RateLimit-Limit")).contains("3");
    }

    @Test
    void allOfAWorkspacesKeysShareTheWorkspacesAllowance() throws Exception {
        GatewayHarness.Gateway tight = harness.startGateway(Map.of("memorylayer.rate-limit.workspace-per-minute", "10"), clock);
        GatewayHarness.TestWorkspace workspace = tight.newWorkspace(Set.of(Scope.READ));
        String path = "/v1/workspaces/" + workspace.slug();
        List<String> keys = new ArrayList<>(List.of(workspace.token()));
        for (int i = 0; i < 10; i++) {
            keys.add(tight.issueKey(workspace.workspace(), Set.of(Scope.READ), null).token().value());
        }
        for (int i = 0; i < 10; i++) {
            // A fresh key for every call: each key's own bucket is nearly full.
            HttpResponse<String> answer = get(tight, path, keys.get(i));
            assertThat(answer.statusCode()).as("call %d", i + 1).isEqualTo(200);
            assertThat(answer.headers().firstValue("X-RateLimit-Limit")).contains("10");
        }
        HttpResponse<String> refused = get(tight, path, keys.get(10));
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.body()).contains("workspace rate limit of 10 requests per minute reached");
        assertThat(refusals(tight, "workspace")).isEqualTo(1);
        assertThat(refusals(tight, "caller")).isZero();
        // Another workspace on the same gateway is not held back.
        GatewayHarness.TestWorkspace other = tight.newWorkspace(Set.of(Scope.READ));
        assertThat(get(tight, "/v1/workspaces/" + other.slug(), other.token()).statusCode()).isEqualTo(200);
    }

    @Test
    void allOfAPersonsWorkspacesShareTheOwnersAllowance() throws Exception {
        GatewayHarness.Gateway tight = harness.startGateway(Map.of("memorylayer.rate-limit.owner-per-minute", "5"), clock);
        java.util.UUID person = tight.context().getBean(com.memorylayer.gateway.login.UserDirectory.class)
                .signedIn(55_001, "many-workspaces", null, null).id();
        List<String[]> workspaces = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String slug = "owned-" + i + "-" + java.util.UUID.randomUUID().toString().substring(0, 6);
            var workspace = tight.context().getBean(com.memorylayer.gateway.workspace.WorkspaceProvisioner.class)
                    .create(new com.memorylayer.gateway.tenant.WorkspaceSlug(slug), slug, person);
            workspaces.add(new String[] {"/v1/workspaces/" + slug, tight.issueKey(workspace, Set.of(Scope.READ), null).token().value()});
        }
        for (int i = 0; i < 5; i++) {
            String[] target = workspaces.get(i % 2);
            assertThat(get(tight, target[0], target[1]).statusCode()).as("call %d", i + 1).isEqualTo(200);
        }
        HttpResponse<String> refused = get(tight, workspaces.get(1)[0], workspaces.get(1)[1]);
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.body()).contains("owner rate limit of 5 requests per minute reached");
        assertThat(refusals(tight, "owner")).isEqualTo(1);
        assertThat(refusals(tight, "workspace")).isZero();
    }

    @Test
    void aRefusedKeyIsRefusedAgainWithoutAskingPostgresUntilItsBucketRefills() throws Exception {
        GatewayHarness.Gateway tight = harness.startGateway(Map.of("memorylayer.rate-limit.api-per-minute", "2"), clock);
        GatewayHarness.TestWorkspace workspace = tight.newWorkspace(Set.of(Scope.READ));
        String path = "/v1/workspaces/" + workspace.slug();
        assertThat(get(tight, path, workspace.token()).statusCode()).isEqualTo(200);
        assertThat(get(tight, path, workspace.token()).statusCode()).isEqualTo(200);
        assertThat(get(tight, path, workspace.token()).statusCode()).isEqualTo(429);

        // With every stored bucket gone, only the gateway's memory of the refusal can still refuse the key.
        tight.context().getBean(org.jooq.DSLContext.class).execute("delete from control.rate_limit_buckets");
        long started = System.nanoTime();
        HttpResponse<String> again = get(tight, path, workspace.token());
        long waitedMillis = (System.nanoTime() - started) / 1_000_000;
        assertThat(again.statusCode()).isEqualTo(429);
        // A repeated refusal, to a client that did not wait, is answered after the tarpit's second.
        assertThat(waitedMillis).isGreaterThanOrEqualTo(900);
        assertThat(again.body()).contains("rate limit of 2 requests per minute reached");
        assertThat(again.headers().firstValue("Retry-After")).isPresent();

        // Once the refill time has passed, the bucket decides again.
        clock.advance(Duration.ofMinutes(1));
        assertThat(get(tight, path, workspace.token()).statusCode()).isEqualTo(200);
    }

    @Test
    void signInRoutesAllowTwelveAMinutePerClient() throws Exception {
        for (int i = 1; i <= 12; i++) {
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create((i % 2 == 0 ? first : second).url() + "/login")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).as("sign-in page %d", i).isEqualTo(200);
        }
        HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create(first.url() + "/oauth2/authorization/github")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("X-RateLimit-Limit")).contains("12");
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
    }

    /** Every status on the audit topic so far. */
    private static List<Integer> auditedStatuses() {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, harness.kafka.bootstrapServers(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.GROUP_ID_CONFIG, "rate-limit-test-" + UUID.randomUUID());
        List<Integer> statuses = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topic.AUDIT.topicName()));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline && !statuses.contains(429)) {
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    if (EventCodec.decode(record.value()).data() instanceof RequestAudited audited) {
                        statuses.add(audited.status());
                    }
                }
            }
        }
        return statuses;
    }

    private static HttpResponse<String> get(GatewayHarness.Gateway gateway, String path, String key) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(gateway.url() + path)).header("X-API-Key", key).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** {@code memorylayer.ratelimit.refusals} of one bucket kind on one gateway. */
    private static double refusals(GatewayHarness.Gateway gateway, String bucket) {
        return gateway.context().getBean(io.micrometer.core.instrument.MeterRegistry.class)
                .get("memorylayer.ratelimit.refusals").tag("bucket", bucket).counter().count();
    }
}
