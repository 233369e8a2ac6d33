package com.memorylayer.gateway.controlplane;

import com.memorylayer.embedded.EmbeddedKafkaBroker;
import com.memorylayer.embedded.EmbeddedPostgresServer;
import com.memorylayer.embedded.FreePort;
import com.memorylayer.gateway.GatewayApplication;
import com.memorylayer.gateway.access.Scope;
import com.memorylayer.gateway.keys.ApiKeyIssuer;
import com.memorylayer.gateway.keys.IssuedApiKey;
import com.memorylayer.gateway.tenant.Workspace;
import com.memorylayer.gateway.tenant.WorkspaceSlug;
import com.memorylayer.gateway.workspace.WorkspaceProvisioner;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A real Postgres, a real KRaft broker, a local OAuth2 server standing in for GitHub ({@link LocalGitHub}), and as many gateways
 * on them as a test asks for. No query service: these tests exercise the control plane, not recall.
 */
final class GatewayHarness implements AutoCloseable {

    final EmbeddedPostgresServer postgres;
    final EmbeddedKafkaBroker kafka;
    final LocalGitHub github;
    private final List<ConfigurableApplicationContext> gateways = new ArrayList<>();

    GatewayHarness(Path directory) {
        this.postgres = EmbeddedPostgresServer.startTemporary();
        this.kafka = EmbeddedKafkaBroker.start(directory.resolve("kafka"), 0);
        this.github = new LocalGitHub("memorylayer-test", "not-a-secret");
    }

    /** A gateway with GitHub sign-in pointed at the local OAuth2 server, plus {@code extra} settings. */
    Gateway startGateway(Map<String, String> extra) {
        return startGateway(extra, null);
    }

    /** As {@link #startGateway(Map)}, on {@code clock} instead of the system's (null: the system's). */
    Gateway startGateway(Map<String, String> extra, Clock clock) {
        return startGateway(extra, clock, new Class<?>[0]);
    }

    /** As {@link #startGateway(Map, Clock)}, with these extra beans (e.g. a controller a test needs). */
    Gateway startGateway(Map<String, String> extra, Clock clock, Class<?>... beans) {
        Map<String, String> properties = new LinkedHashMap<>();
        int port = FreePort.pick();
        properties.put("server.port", Integer.toString(port));
        properties.put("server.address", "127.0.0.1");
        properties.put("spring.datasource.url", postgres.jdbcUrl());
        properties.put("spring.datasource.username", postgres.user());
        properties.put("spring.datasource.password", postgres.password());
        properties.put("spring.kafka.bootstrap-servers", kafka.bootstrapServers());
        properties.put("memorylayer.keys.hash-secret", "test-secret-test-secret-test-secret");
        properties.put("memorylayer.query.urls", "http://127.0.0.1:9");
        // The management server (health, metrics) on a free port: several gateways run in one test JVM.
        properties.put("management.server.port", "0");
        properties.putAll(github.gatewaySettings());
        properties.putAll(extra);
        String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        SpringApplicationBuilder builder = GatewayApplication.builder().registerShutdownHook(false);
        if (clock != null) {
            builder.initializers(c -> c.getBeanFactory().registerSingleton("clock", clock));
        }
        for (Class<?> bean : beans) {
            builder.initializers(c -> ((org.springframework.context.support.GenericApplicationContext) c).registerBean(bean));
        }
        ConfigurableApplicationContext context = builder.run(args);
        gateways.add(context);
        return new Gateway(context, "http://127.0.0.1:" + port);
    }

    /** A browser-like session signed in on {@code gateway} as this GitHub account. */
    WebSession signIn(Gateway gateway, long githubId, String login) {
        nextGitHubUser(githubId, login);
        WebSession session = new WebSession(gateway.url());
        java.net.http.HttpResponse<String> landed = session.signIn();
        if (landed.statusCode() != 200 || !landed.uri().getPath().equals("/app")) {
            throw new AssertionError("sign-in as " + login + " ended at " + landed.uri() + " with " + landed.statusCode());
        }
        return session;
    }

    /** The next sign-in through the local server is this GitHub account. */
    void nextGitHubUser(long id, String login) {
        github.signInNextAs(id, login);
    }

    @Override
    public void close() {
        gateways.forEach(ConfigurableApplicationContext::close);
        github.close();
        kafka.close();
        postgres.close();
    }

    /** One running gateway. */
    record Gateway(ConfigurableApplicationContext context, String url) {

        /** A workspace made by an operator, with a key of these scopes. */
        TestWorkspace newWorkspace(Set<Scope> scopes) {
            String slug = "w-" + UUID.randomUUID().toString().substring(0, 8);
            Workspace workspace = context.getBean(WorkspaceProvisioner.class).create(new WorkspaceSlug(slug), slug);
            return new TestWorkspace(workspace, issueKey(workspace, scopes, null));
        }

        IssuedApiKey issueKey(Workspace workspace, Set<Scope> scopes, OffsetDateTime expiresAt) {
            return context.getBean(ApiKeyIssuer.class).issue(workspace.id(), "test", scopes, expiresAt);
        }
    }

    record TestWorkspace(Workspace workspace, IssuedApiKey key) {
        String slug() {
            return workspace.slug();
        }

        String token() {
            return key.token().value();
        }
    }
}
