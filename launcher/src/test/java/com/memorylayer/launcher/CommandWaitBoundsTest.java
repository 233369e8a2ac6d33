package com.memorylayer.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.memorylayer.gateway.access.Scope;
import com.memorylayer.gateway.keys.ApiKeyIssuer;
import com.memorylayer.gateway.keys.IssuedApiKey;
import com.memorylayer.gateway.tenant.Workspace;
import com.memorylayer.gateway.tenant.WorkspaceSlug;
import com.memorylayer.gateway.workspace.WorkspaceProvisioner;
import com.memorylayer.launcher.ApiClient.Response;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A write's {@code ?wait=true} waits on the query service, which bounds the waits of one workspace
 * ({@code memorylayer.command-waits.max-per-workspace}): past the bound a write is answered 202 at once, while another
 * workspace's writes still wait; and a wait that runs out answers 202, with the command pending. A platform of its
 * own, with a bound of one wait per workspace and a short wait, and its ingest worker stopped so nothing is applied.
 */
class CommandWaitBoundsTest {

    private static final Duration WAIT = Duration.ofSeconds(4);

    private static Platform platform;
    private static final ExecutorService clients = Executors.newFixedThreadPool(4);

    @BeforeAll
    static void start() {
        platform = Platform.start(PlatformSettings.ephemeral(TestPlatform.tempDirectory(), TestPlatform.MODELS), Map.of(
                "memorylayer.rate-limit.enabled", "false",
                "memorylayer.command-waits.max-per-workspace", "1",
                "memorylayer.command-waits.wait-timeout", WAIT.toMillis() + "ms"));
    }

    @AfterAll
    static void stop() {
        clients.shutdownNow();
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void pastTheWorkspacesBoundAWriteIsAcceptedAtOnceAndAnotherWorkspaceStillWaits() {
        Tenant busy = tenant();
        Tenant other = tenant();
        platform.crashIngestWorker();
        try {
            CompletableFuture<Response> waiting = CompletableFuture.supplyAsync(() -> write(busy, "The first write waits its turn."), clients);
            CompletableFuture<Response> otherWaiting = CompletableFuture.supplyAsync(() -> write(other, "Another tenant's write waits too."), clients);
            // Give both waits time to be registered on the query service.
            sleep(Duration.ofMillis(1_000));

            long started = System.nanoTime();
            Response past = write(busy, "The second write is past the bound.");
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertThat(past.status()).as(past.raw()).isEqualTo(202);
            assertThat(past.body().path("status").asString()).isEqualTo("accepted");
            assertThat(millis).as("answered in %d ms, not after the %s wait", millis, WAIT).isLessThan(WAIT.toMillis() - 1_000);
            assertThat(waiting).as("the first write still waits").isNotDone();
            assertThat(otherWaiting).as("another workspace's write still waits: the bound is per workspace").isNotDone();

            Response ranOut = waiting.join();
            assertThat(ranOut.status()).as("a wait that ran out is a 202: " + ranOut.raw()).isEqualTo(202);
            assertThat(otherWaiting.join().status()).isEqualTo(202);
            Response pending = busy.api().get("/commands/" + ranOut.body().path("command_id").asString());
            assertThat(pending.status()).as(pending.raw()).isEqualTo(200);
            assertThat(pending.body().path("status").asString()).isEqualTo("pending");
        } finally {
            platform.startIngestWorker();
        }
        Response applied = write(busy, "Once the worker is back a write waits until it is applied.");
        assertThat(applied.status()).as(applied.raw()).isEqualTo(200);
        assertThat(applied.body().path("status").asString()).isEqualTo("applied");
        assertThat(applied.body().path("outcome").asString()).isEqualTo("stored");
    }

    private static Response write(Tenant tenant, String content) {
        return tenant.api().post("/v1/workspaces/" + tenant.slug() + "/memories?wait=true",
                ApiClient.json(Map.of("content", content)), Map.of("X-API-Key", tenant.key()));
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private record Tenant(Workspace workspace, String key, ApiClient api) {
        String slug() {
            return workspace.slug();
        }
    }

    private static Tenant tenant() {
        String slug = "w-" + UUID.randomUUID().toString().substring(0, 8);
        Workspace workspace = platform.gateway().getBean(WorkspaceProvisioner.class).create(new WorkspaceSlug(slug), slug);
        IssuedApiKey key = platform.gateway().getBean(ApiKeyIssuer.class).issue(workspace.id(), "test",
                Set.of(Scope.READ, Scope.WRITE, Scope.ADMIN), null);
        return new Tenant(workspace, key.token().value(), new ApiClient(platform.gatewayUrl(), slug, key.token().value()));
    }
}
