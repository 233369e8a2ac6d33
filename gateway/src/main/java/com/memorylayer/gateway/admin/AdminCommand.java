package com.memorylayer.gateway.admin;

import com.memorylayer.gateway.access.MemberRole;
import com.memorylayer.gateway.keys.ApiKeyHasher;
import com.memorylayer.gateway.keys.ApiKeyIssuer;
import com.memorylayer.gateway.keys.ApiKeyProperties;
import com.memorylayer.gateway.keys.IssuedApiKey;
import com.memorylayer.gateway.keys.KeyRequest;
import com.memorylayer.gateway.login.UserDirectory;
import com.memorylayer.gateway.members.MemberDirectory;
import com.memorylayer.gateway.tenant.Workspace;
import com.memorylayer.gateway.tenant.WorkspaceDirectory;
import com.memorylayer.gateway.workspace.WorkspaceProvisioner;
import com.memorylayer.schemas.db.Migrations;
import com.memorylayer.web.error.ApiException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * The operator's command line: creates workspaces and keys straight in the control plane, without a browser or a
 * running gateway. Prints machine-readable {@code MEMORYLAYER_*=} lines on stdout and errors on stderr.
 *
 * <pre>
 * admin create-workspace &lt;slug&gt; [--name &lt;name&gt;] [--owner &lt;github-login or id&gt;]
 * admin create-key &lt;slug&gt; --name &lt;name&gt; [--scopes read,write,admin] [--expires-at &lt;ISO-8601&gt;]
 * admin revoke-key &lt;slug&gt; &lt;key-id&gt;
 * admin add-member &lt;slug&gt; &lt;github-login or id&gt; [--role owner|admin|member]
 * </pre>
 *
 * <p>{@code admin rebuild-graph} is the ingest worker's (its {@code RebuildGraphCommand}): the gateway writes no
 * workspace table. A workspace made without {@code --owner} has no owner until {@code add-member … --role owner} gives it one
 * (the person must have signed in once, so that their GitHub account is known).
 */
public final class AdminCommand {

    public static final String USAGE = """
            usage: admin create-workspace <slug> [--name <name>] [--owner <github-login or numeric github id>]
                   admin create-key <slug> --name <name> [--scopes read,write,admin] [--expires-at <ISO-8601>]
                   admin revoke-key <slug> <key-id>
                   admin add-member <slug> <github-login or numeric github id> [--role owner|admin|member]""";

    /** The commands {@link #run} knows, for a caller that routes other operator commands elsewhere. */
    public static final Set<String> COMMANDS = Set.of("create-workspace", "create-key", "revoke-key", "add-member");

    private final DSLContext dsl;
    private final DataSource dataSource;
    private final String hashSecret;

    public AdminCommand(DataSource dataSource, String hashSecret) {
        this.dataSource = dataSource;
        this.dsl = DSL.using(dataSource, SQLDialect.POSTGRES);
        this.hashSecret = hashSecret;
    }

    /** From the same environment variables the gateway reads: MEMORYLAYER_DB_URL/_USER/_PASSWORD, MEMORYLAYER_KEY_HASH_SECRET. */
    public static AdminCommand fromEnvironment() {
        org.postgresql.ds.PGSimpleDataSource dataSource = new org.postgresql.ds.PGSimpleDataSource();
        dataSource.setUrl(env("MEMORYLAYER_DB_URL", "jdbc:postgresql://localhost:5432/memorylayer"));
        dataSource.setUser(env("MEMORYLAYER_DB_USER", "memorylayer"));
        dataSource.setPassword(env("MEMORYLAYER_DB_PASSWORD", ""));
        return new AdminCommand(dataSource, env("MEMORYLAYER_KEY_HASH_SECRET", ""));
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** Runs one command; returns the process exit status (0 done, 1 refused, 2 usage). */
    public int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty()) {
            err.println(USAGE);
            return 2;
        }
        Migrations.migrateControlPlane(dataSource);
        Map<String, String> options = new HashMap<>();
        List<String> positional = new java.util.ArrayList<>();
        for (int i = 1; i < args.size(); i++) {
            if (args.get(i).startsWith("--") && i + 1 < args.size()) {
                options.put(args.get(i).substring(2), args.get(++i));
            } else {
                positional.add(args.get(i));
            }
        }
        try {
            return switch (args.get(0)) {
                case "create-workspace" -> createWorkspace(positional, options, out, err);
                case "create-key" -> createKey(positional, options, out, err);
                case "revoke-key" -> revokeKey(positional, out, err);
                case "add-member" -> addMember(positional, options, out, err);
                case "rebuild-graph" -> {
                    // Operators used to run it here; say where it went rather than only listing what is left.
                    err.println("memorylayer admin: rebuild-graph is the ingest worker's: "
                            + "java -jar ingest-worker-<version>-exec.jar admin rebuild-graph <slug>");
                    yield 2;
                }
                default -> {
                    err.println(USAGE);
                    yield 2;
                }
            };
        } catch (ApiException e) {
            err.println("memorylayer admin: " + e.code() + ": " + e.getMessage());
            return 1;
        } catch (IllegalArgumentException | java.time.format.DateTimeParseException e) {
            err.println("memorylayer admin: " + e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            // An operator's tool answers with a line, not a stack trace; the cause's message says enough.
            err.println("memorylayer admin: failed: " + e.getMessage());
            return 1;
        }
    }

    private int createWorkspace(List<String> positional, Map<String, String> options, PrintStream out, PrintStream err) {
        if (positional.size() != 1) {
            err.println(USAGE);
            return 2;
        }
        UUID owner = null;
        if (options.containsKey("owner")) {
            owner = person(options.get("owner"), err);
            if (owner == null) {
                return 1;
            }
        }
        Workspace workspace = new WorkspaceProvisioner(dsl, dataSource).createValidated(positional.get(0), options.get("name"), owner);
        out.println("MEMORYLAYER_WORKSPACE=" + workspace.slug());
        out.println("MEMORYLAYER_WORKSPACE_ID=" + workspace.id());
        return 0;
    }

    private int createKey(List<String> positional, Map<String, String> options, PrintStream out, PrintStream err) {
        if (positional.size() != 1 || !options.containsKey("name")) {
            err.println(USAGE);
            return 2;
        }
        Workspace workspace = workspace(positional.get(0), err);
        if (workspace == null) {
            return 1;
        }
        List<String> scopes = Arrays.asList(options.getOrDefault("scopes", "read,write").split(","));
        OffsetDateTime expiresAt = options.containsKey("expires-at") ? OffsetDateTime.parse(options.get("expires-at")) : null;
        KeyRequest request = new KeyRequest(options.get("name"), scopes, expiresAt);
        IssuedApiKey key = issuer().issue(workspace.id(), options.get("name").strip(), request.validScopes(), expiresAt);
        out.println("MEMORYLAYER_KEY_ID=" + key.id());
        out.println("MEMORYLAYER_API_KEY=" + key.token().value());
        return 0;
    }

    private int revokeKey(List<String> positional, PrintStream out, PrintStream err) {
        if (positional.size() != 2) {
            err.println(USAGE);
            return 2;
        }
        Workspace workspace = workspace(positional.get(0), err);
        if (workspace == null) {
            return 1;
        }
        if (!issuer().revoke(workspace.id(), UUID.fromString(positional.get(1)))) {
            err.println("memorylayer admin: no key " + positional.get(1) + " in " + workspace.slug());
            return 1;
        }
        out.println("MEMORYLAYER_KEY_REVOKED=" + positional.get(1));
        return 0;
    }

    private int addMember(List<String> positional, Map<String, String> options, PrintStream out, PrintStream err) {
        if (positional.size() != 2) {
            err.println(USAGE);
            return 2;
        }
        Workspace workspace = workspace(positional.get(0), err);
        if (workspace == null) {
            return 1;
        }
        UUID person = person(positional.get(1), err);
        if (person == null) {
            return 1;
        }
        MemberRole role = MemberRole.fromWire(options.getOrDefault("role", "member"));
        MemberDirectory members = new MemberDirectory(dsl);
        if (!members.add(dsl, workspace.id(), person, role)) {
            err.println("memorylayer admin: " + positional.get(1) + " is already a member of " + workspace.slug());
            return 1;
        }
        out.println("MEMORYLAYER_MEMBER=" + positional.get(1) + " role=" + role.wireName());
        return 0;
    }

    private Workspace workspace(String slug, PrintStream err) {
        Workspace workspace = new WorkspaceDirectory(dsl).findBySlug(slug).orElse(null);
        if (workspace == null) {
            err.println("memorylayer admin: no workspace '" + slug + "'");
        }
        return workspace;
    }

    private ApiKeyIssuer issuer() {
        return new ApiKeyIssuer(dsl, new ApiKeyHasher(new ApiKeyProperties(hashSecret, Duration.ofSeconds(60))));
    }

    /** The person an operator named by GitHub login or numeric GitHub id; null (with the reason printed) otherwise. */
    private UUID person(String loginOrId, PrintStream err) {
        return switch (new UserDirectory(dsl).lookUp(loginOrId)) {
            case UserDirectory.Lookup.Found found -> found.person().id();
            case UserDirectory.Lookup.NotFound none -> {
                err.println("memorylayer admin: no one with the GitHub login or id '" + loginOrId + "' has signed in yet");
                yield null;
            }
            case UserDirectory.Lookup.Ambiguous ambiguous -> {
                err.println("memorylayer admin: '" + loginOrId + "' could mean more than one account (GitHub ids "
                        + ambiguous.githubIds() + "); name the person by their numeric GitHub id instead");
                yield null;
            }
        };
    }
}
