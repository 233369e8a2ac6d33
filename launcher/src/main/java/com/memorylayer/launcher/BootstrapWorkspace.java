package com.memorylayer.launcher;

import com.memorylayer.gateway.access.Scope;
import com.memorylayer.gateway.keys.ApiKeyAuthenticator;
import com.memorylayer.gateway.keys.ApiKeyIssuer;
import com.memorylayer.gateway.keys.ApiKeyToken;
import com.memorylayer.gateway.tenant.Workspace;
import com.memorylayer.gateway.tenant.WorkspaceDirectory;
import com.memorylayer.gateway.tenant.WorkspaceSlug;
import com.memorylayer.gateway.workspace.WorkspaceProvisioner;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Properties;
import org.springframework.context.ApplicationContext;

/**
 * The workspace and key the dev launcher prints, so a new user can call the API at once. Created on the first
 * start and kept: the key's clear form is stored in the local data directory (a dev convenience — the server
 * itself only ever keeps the hash) so that later starts print the same key.
 */
final class BootstrapWorkspace {

    static final String SLUG = "default";
    static final String FILE = "bootstrap.properties";

    private BootstrapWorkspace() {
    }

    static BootstrapCredentials ensure(ApplicationContext gateway, Path dataDirectory) {
        WorkspaceDirectory directory = gateway.getBean(WorkspaceDirectory.class);
        ApiKeyAuthenticator authenticator = gateway.getBean(ApiKeyAuthenticator.class);
        Path file = dataDirectory.resolve(FILE);
        Optional<BootstrapCredentials> saved = read(file);
        if (saved.isPresent()) {
            Optional<Workspace> workspace = directory.findBySlug(saved.get().slug());
            boolean keyWorks = ApiKeyToken.parse(saved.get().apiKey()).flatMap(authenticator::authenticate)
                    .filter(k -> workspace.isPresent() && k.workspaceId().equals(workspace.get().id()))
                    .isPresent();
            if (keyWorks) {
                return saved.get();
            }
        }
        Workspace workspace = directory.findBySlug(SLUG).orElseGet(() ->
                gateway.getBean(WorkspaceProvisioner.class).create(new WorkspaceSlug(SLUG), "Default workspace"));
        String key = gateway.getBean(ApiKeyIssuer.class)
                .issue(workspace.id(), "bootstrap", EnumSet.of(Scope.READ, Scope.WRITE, Scope.ADMIN), null)
                .token().value();
        BootstrapCredentials credentials = new BootstrapCredentials(workspace.slug(), key);
        write(file, credentials);
        return credentials;
    }

    static Optional<BootstrapCredentials> read(Path file) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            Properties p = new Properties();
            p.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
            String slug = p.getProperty("workspace");
            String key = p.getProperty("api_key");
            return slug == null || key == null ? Optional.empty() : Optional.of(new BootstrapCredentials(slug, key));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static void write(Path file, BootstrapCredentials credentials) {
        Properties p = new Properties();
        p.setProperty("workspace", credentials.slug());
        p.setProperty("api_key", credentials.apiKey());
        StringWriter out = new StringWriter();
        try {
            p.store(out, "Memorylayer dev bootstrap workspace; delete this file to be issued a new key");
            OwnerOnlyFile.write(file, out.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
