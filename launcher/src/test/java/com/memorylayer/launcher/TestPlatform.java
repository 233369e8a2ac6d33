package com.memorylayer.launcher;

import com.memorylayer.gateway.access.Scope;
import com.memorylayer.gateway.controlplane.LocalGitHub;
import com.memorylayer.gateway.keys.ApiKeyIssuer;
import com.memorylayer.gateway.keys.IssuedApiKey;
import com.memorylayer.gateway.tenant.Workspace;
import com.memorylayer.gateway.tenant.WorkspaceSlug;
import com.memorylayer.gateway.workspace.WorkspaceProvisioner;
import com.memorylayer.schemas.api.ConsistencyTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One real platform — embedded Postgres, in-process KRaft broker, the four services — shared by the test
 * classes of this JVM, because starting it costs seconds and the tests keep to workspaces of their own.
 */
final class TestPlatform {

    static final Path MODELS = Path.of("target", "model-cache");
    private static Platform platform;
    private static LocalGitHub github;
    private static String secondGateway;

    private TestPlatform() {
    }

    static synchronized Platform get() {
        if (platform == null) {
            github = new LocalGitHub("memorylayer-test", "not-a-secret");
            Map<String, String> gateway = new HashMap<>(github.gatewaySettings());
            // The test classes sign people in from one address; RateLimitTest checks the real sign-in limit.
            gateway.put("memorylayer.rate-limit.auth-per-minute", "1000");
            // The shared buckets smooth a workspace's calls to 10 a second; these tests drive a workspace harder than
            // that on purpose (RateLimitTest checks the shared limits themselves).
            gateway.put("memorylayer.rate-limit.workspace-per-minute", "100000");
            gateway.put("memorylayer.rate-limit.owner-per-minute", "100000");
            platform = Platform.start(PlatformSettings.ephemeral(tempDirectory(), MODELS), gateway);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                platform.close();
                github.close();
            }));
        }
        return platform;
    }

    /** A second gateway of the shared platform (started on first use), on the same Postgres, Kafka and query service. */
    static synchronized String secondGatewayUrl() {
        if (secondGateway == null) {
            secondGateway = get().startAnotherGateway();
        }
        return secondGateway;
    }

    /** The GitHub stand-in the shared platform signs people in through. */
    static LocalGitHub github() {
        get();
        return github;
    }

    static Path tempDirectory() {
        try {
            Files.createDirectories(Path.of("target"));
            return Files.createTempDirectory(Path.of("target"), "platform-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh workspace with a read-write key, through the same provisioning code the launcher uses. */
    static TestWorkspace newWorkspace() {
        return newWorkspace(Set.of(Scope.READ, Scope.WRITE));
    }

    static TestWorkspace newWorkspace(Set<Scope> scopes) {
        Platform p = get();
        String slug = "t-" + UUID.randomUUID().toString().substring(0, 8);
        Workspace workspace = p.gateway().getBean(WorkspaceProvisioner.class).create(new WorkspaceSlug(slug), slug);
        IssuedApiKey key = p.gateway().getBean(ApiKeyIssuer.class).issue(workspace.id(), "test", scopes, null);
        return new TestWorkspace(workspace, key.id(), key.token().value(), new ApiClient(p.gatewayUrl(), slug, key.token().value()));
    }

    /** A consistency token for a command the test put on the log itself, signed as the gateway signs one. */
    static String tokenFor(TestWorkspace workspace, UUID eventId) {
        return get().gateway().getBean(ConsistencyTokens.class).issue(workspace.workspace().id(), eventId, Instant.now());
    }

    static IssuedApiKey issueKey(TestWorkspace workspace, Set<Scope> scopes, OffsetDateTime expiresAt) {
        return get().gateway().getBean(ApiKeyIssuer.class).issue(workspace.workspace().id(), "extra", scopes, expiresAt);
    }

    record TestWorkspace(Workspace workspace, UUID keyId, String key, ApiClient api) {
        String slug() {
            return workspace.slug();
        }
    }
}
