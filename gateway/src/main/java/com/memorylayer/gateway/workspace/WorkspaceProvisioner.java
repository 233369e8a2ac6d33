package com.memorylayer.gateway.workspace;

import static com.memorylayer.schemas.jooq.control.Tables.USERS;
import static com.memorylayer.schemas.jooq.control.Tables.WORKSPACES;

import com.memorylayer.gateway.access.MemberRole;
import com.memorylayer.gateway.keys.CachedKeyRows;
import com.memorylayer.gateway.members.MemberDirectory;
import com.memorylayer.gateway.tenant.Workspace;
import com.memorylayer.gateway.tenant.WorkspaceSlug;
import com.memorylayer.schemas.api.ErrorCode;
import com.memorylayer.schemas.db.Migrations;
import com.memorylayer.schemas.db.PostgresServerSettings;
import com.memorylayer.schemas.db.PostgresServers;
import com.memorylayer.schemas.db.WorkspacePlacements;
import com.memorylayer.schemas.db.WorkspaceSchemaName;
import com.memorylayer.schemas.db.WorkspaceSchemaUpgrade;
import java.util.ArrayList;
import java.util.List;
import com.memorylayer.web.error.ApiException;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/**
 * Creates a workspace: its control-plane row and its own Postgres schema, migrated to the current version, on the
 * Postgres server it is placed on ({@link WorkspacePlacementChoice}). The schema is migrated before the row is
 * inserted, so a workspace that can be found always has its tables.
 */
@Service
public class WorkspaceProvisioner {

    private static final Logger log = LoggerFactory.getLogger(WorkspaceProvisioner.class);

    private final DSLContext dsl;
    private final PostgresServers servers;
    private final WorkspacePlacements placements;
    private final WorkspacePlacementChoice placement;

    private final MemberDirectory members;
    private final int maxOwnedPerPerson;
    private final int migrationParallelism;
    /**
     * Flyway holds two pooled connections while it migrates a schema. Unbounded, ten creates at once took all ten
     * of the gateway's connections with their first and waited for a second until the pool's timeout failed them
     * all; two at a time fit in the pool beside request traffic.
     */
    private final Semaphore migrationSlots = new Semaphore(2, true);

    /** This gateway's kept key rows, or null for operators' tools, which keep none. */
    private final CachedKeyRows keyRows;

    @Autowired
    public WorkspaceProvisioner(DSLContext dsl, PostgresServers servers, WorkspacePlacements placements,
            PostgresServerSettings serverSettings, MemberDirectory members, WorkspaceProperties properties, CachedKeyRows keyRows) {
        this.dsl = dsl;
        this.servers = servers;
        this.placements = placements;
        this.placement = new WorkspacePlacementChoice(dsl, servers, serverSettings.placeNewWorkspaces());
        this.members = members;
        this.maxOwnedPerPerson = properties.maxOwnedPerPerson();
        this.migrationParallelism = properties.migrationParallelism();
        this.keyRows = keyRows;
    }

    /** For operators' tools, which create workspaces without a person's cap, on the primary server only. */
    public WorkspaceProvisioner(DSLContext dsl, DataSource dataSource) {
        this(dsl, PostgresServers.primaryOnly(dataSource, dsl), new WorkspacePlacements(dsl), PostgresServerSettings.primaryOnly(),
                new MemberDirectory(dsl), new WorkspaceProperties(Integer.MAX_VALUE, 1), null);
    }

    static final int MAX_NAME_CHARS = 100;

    /**
     * Creates a workspace from a client's slug and name, owned by {@code owner}: the API's and the dashboard's
     * create. Bad input and a taken slug come back as the client's errors.
     */
    public Workspace createValidated(String slug, String name, UUID owner) {
        WorkspaceSlug valid;
        try {
            valid = new WorkspaceSlug(slug);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField("slug", e.getMessage());
        }
        checkName(name, false);
        // Checked early to spare a migration; checked again, under a lock, when the row goes in.
        if (owner != null && members.ownedBy(dsl, owner) >= maxOwnedPerPerson) {
            throw capReached();
        }
        try {
            return create(valid, name, owner);
        } catch (WorkspaceSlugTakenException e) {
            throw ApiException.forField(ErrorCode.SLUG_TAKEN, "slug", e.getMessage());
        }
    }

    private ApiException capReached() {
        return new ApiException(ErrorCode.WORKSPACE_LIMIT,
                "you own " + maxOwnedPerPerson + " workspaces, the most one person may; delete one first");
    }

    public static void checkName(String name, boolean required) {
        if ((required && (name == null || name.isBlank())) || (name != null && name.strip().length() > MAX_NAME_CHARS)) {
            throw ApiException.invalidField("name", "name is 1-" + MAX_NAME_CHARS + " characters");
        }
    }

    /** @throws WorkspaceSlugTakenException when another workspace already has the slug */
    public Workspace create(WorkspaceSlug slug, String name) {
        return create(slug, name, null);
    }

    /**
     * Creates the workspace with {@code owner} (a user id, or null for one made by an operator) as its first owner,
     * in the same transaction as its row.
     *
     * @throws WorkspaceSlugTakenException when another workspace already has the slug
     */
    public Workspace create(WorkspaceSlug slug, String name, UUID owner) {
        if (dsl.fetchExists(WORKSPACES, WORKSPACES.SLUG.eq(slug.value()))) {
            throw new WorkspaceSlugTakenException(slug.value());
        }
        UUID id = UUID.randomUUID();
        WorkspaceSchemaName schema = WorkspaceSchemaName.of(id);
        PostgresServers.Server server = placement.choose();
        migrationSlots.acquireUninterruptibly();
        try {
            Migrations.migrateWorkspace(server.dataSource(), schema);
        } catch (RuntimeException e) {
            server.dsl().dropSchemaIfExists(DSL.name(schema.value())).cascade().execute();
            throw e;
        } finally {
            migrationSlots.release();
        }
        String displayName = name == null || name.isBlank() ? slug.value() : name.strip();
        try {
            insert(id, slug, displayName, schema, server.name(), owner);
        } catch (RuntimeException e) {
            // A lost race for the slug, the owner's cap reached meanwhile, or any failure: the schema is no one's.
            server.dsl().dropSchemaIfExists(DSL.name(schema.value())).cascade().execute();
            throw e;
        }
        return new Workspace(id, slug.value(), displayName, schema);
    }

    private void insert(UUID id, WorkspaceSlug slug, String displayName, WorkspaceSchemaName schema, String server, UUID owner) {
        dsl.transaction(c -> {
            int inserted = c.dsl().insertInto(WORKSPACES)
                    .set(WORKSPACES.ID, id)
                    .set(WORKSPACES.SLUG, slug.value())
                    .set(WORKSPACES.NAME, displayName)
                    .set(WORKSPACES.SCHEMA_NAME, schema.value())
                    .set(WORKSPACES.POSTGRES_SERVER, server)
                    .set(WORKSPACES.SCHEMA_VERSION, Migrations.WORKSPACE_VERSION)
                    .onConflict(WORKSPACES.SLUG).doNothing()
                    .execute();
            if (inserted == 0) {
                throw new WorkspaceSlugTakenException(slug.value());
            }
            if (owner != null) {
                // Under a lock on the owner's row, so concurrent creates cannot all pass the cap.
                c.dsl().selectFrom(USERS).where(USERS.ID.eq(owner)).forUpdate().fetch();
                if (members.ownedBy(c.dsl(), owner) >= maxOwnedPerPerson) {
                    throw capReached();
                }
                members.add(c.dsl(), id, owner, MemberRole.OWNER);
            }
        });
    }

    public void rename(UUID workspaceId, String name) {
        dsl.update(WORKSPACES).set(WORKSPACES.NAME, name.strip()).where(WORKSPACES.ID.eq(workspaceId)).execute();
    }

    /**
     * Deletes the workspace: its row (and with it keys, members and invites) and its schema with every memory. On the
     * primary server both go in one transaction; on another, the row goes first (the workspace is then gone for every
     * request) and the schema after it, and a schema whose drop failed is logged for the operator to drop. Audit and
     * usage rows stay: they are the record of what happened.
     */
    public void delete(Workspace workspace) {
        String placedOn = placements.serverOf(workspace.id());
        if (placedOn.equals(PostgresServers.PRIMARY)) {
            dsl.transaction(c -> {
                c.dsl().deleteFrom(WORKSPACES).where(WORKSPACES.ID.eq(workspace.id())).execute();
                c.dsl().dropSchemaIfExists(DSL.name(workspace.schema().value())).cascade().execute();
            });
        } else {
            dsl.deleteFrom(WORKSPACES).where(WORKSPACES.ID.eq(workspace.id())).execute();
            try {
                servers.named(placedOn).dsl().dropSchemaIfExists(DSL.name(workspace.schema().value())).cascade().execute();
            } catch (RuntimeException e) {
                log.error("workspace {} is deleted but its schema {} on Postgres server {} could not be dropped: drop it by hand",
                        workspace.id(), workspace.schema(), placedOn, e);
            }
        }
        placements.forget(workspace.id());
        // Every gateway empties its kept key rows on the deletion's Postgres notice; this one at once, so the deleter's
        // next call with a key of the workspace is refused, not let through to a schema that is gone.
        if (keyRows != null) {
            keyRows.forgetAll();
        }
    }

    /**
     * Brings every workspace schema not recorded at this build's version to it, {@code migration-parallelism} at a
     * time, each on its own server, and records the version of each that got there. One schema's failure leaves the
     * others migrated and fails the start with every failure named; the next start goes on with what is left (Flyway
     * records each schema's own version, so nothing is applied twice).
     *
     * @return how many schemas were checked
     */
    public int migrateAll() {
        var behind = dsl.select(WORKSPACES.SCHEMA_NAME, WORKSPACES.POSTGRES_SERVER).from(WORKSPACES)
                .where(WORKSPACES.SCHEMA_VERSION.isDistinctFrom(Migrations.WORKSPACE_VERSION)).fetch();
        List<WorkspaceSchemaUpgrade.Target> targets = behind.map(r -> new WorkspaceSchemaUpgrade.Target(
                new WorkspaceSchemaName(r.value1()), servers.named(r.value2()).dataSource()));
        WorkspaceSchemaUpgrade.Summary summary = new WorkspaceSchemaUpgrade(migrationParallelism).upgrade(targets);
        List<String> done = new ArrayList<>();
        summary.migrated().forEach(s -> done.add(s.value()));
        summary.alreadyCurrent().forEach(s -> done.add(s.value()));
        for (int from = 0; from < done.size(); from += 1_000) {
            dsl.update(WORKSPACES).set(WORKSPACES.SCHEMA_VERSION, Migrations.WORKSPACE_VERSION)
                    .where(WORKSPACES.SCHEMA_NAME.in(done.subList(from, Math.min(done.size(), from + 1_000)))).execute();
        }
        if (!summary.failed().isEmpty()) {
            throw new IllegalStateException(summary.failed().size() + " of " + targets.size()
                    + " workspace schemas could not be migrated (the others were): " + summary.failed());
        }
        return targets.size();
    }

    public static final class WorkspaceSlugTakenException extends RuntimeException {
        public WorkspaceSlugTakenException(String slug) {
            super("a workspace named '" + slug + "' already exists");
        }
    }
}
