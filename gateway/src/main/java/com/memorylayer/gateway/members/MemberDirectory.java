package com.memorylayer.gateway.members;

import static com.memorylayer.schemas.jooq.control.Tables.USERS;
import static com.memorylayer.schemas.jooq.control.Tables.WORKSPACES;
import static com.memorylayer.schemas.jooq.control.Tables.WORKSPACE_MEMBERS;

import com.memorylayer.gateway.access.MemberRole;
import com.memorylayer.gateway.tenant.Workspace;
import com.memorylayer.gateway.tenant.WorkspaceDirectory;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record6;
import org.jooq.Record;
import org.jooq.SelectConditionStep;
import org.springframework.stereotype.Repository;

/** Reads and writes who belongs to which workspace, in what role. */
@Repository
public class MemberDirectory {

    private final DSLContext dsl;

    public MemberDirectory(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** A person's role in the workspace with this slug, and the workspace; empty when not a member. */
    public Optional<Membership> membership(String slug, UUID userId) {
        return membership(WORKSPACES.SLUG.eq(slug), userId);
    }

    /** The person's membership of the workspace with this id. */
    public Optional<Membership> membershipById(UUID workspaceId, UUID userId) {
        return membership(WORKSPACES.ID.eq(workspaceId), userId);
    }

    private Optional<Membership> membership(Condition workspace, UUID userId) {
        return dsl.select(WORKSPACES.asterisk(), WORKSPACE_MEMBERS.ROLE)
                .from(WORKSPACE_MEMBERS)
                .join(WORKSPACES).on(WORKSPACES.ID.eq(WORKSPACE_MEMBERS.WORKSPACE_ID))
                .where(workspace).and(WORKSPACE_MEMBERS.USER_ID.eq(userId))
                .fetchOptional()
                .map(r -> new Membership(WorkspaceDirectory.toWorkspace(r), MemberRole.fromWire(r.get(WORKSPACE_MEMBERS.ROLE))));
    }

    /** Every workspace the person belongs to, by slug. */
    public List<Membership> membershipsOf(UUID userId) {
        return dsl.select(WORKSPACES.asterisk(), WORKSPACE_MEMBERS.ROLE)
                .from(WORKSPACE_MEMBERS)
                .join(WORKSPACES).on(WORKSPACES.ID.eq(WORKSPACE_MEMBERS.WORKSPACE_ID))
                .where(WORKSPACE_MEMBERS.USER_ID.eq(userId))
                .orderBy(WORKSPACES.SLUG)
                .fetch(r -> new Membership(WorkspaceDirectory.toWorkspace(r), MemberRole.fromWire(r.get(WORKSPACE_MEMBERS.ROLE))));
    }

    public List<Member> members(UUID workspaceId) {
        return selectMembers(WORKSPACE_MEMBERS.WORKSPACE_ID.eq(workspaceId))
                .orderBy(WORKSPACE_MEMBERS.JOINED_AT, USERS.LOGIN)
                .fetch(MemberDirectory::toMember);
    }

    public Optional<Member> member(UUID workspaceId, UUID userId) {
        return selectMembers(WORKSPACE_MEMBERS.WORKSPACE_ID.eq(workspaceId).and(WORKSPACE_MEMBERS.USER_ID.eq(userId)))
                .fetchOptional(MemberDirectory::toMember);
    }

    private SelectConditionStep<Record6<UUID, String, String, String, String, OffsetDateTime>> selectMembers(Condition where) {
        return dsl.select(USERS.ID, USERS.LOGIN, USERS.NAME, USERS.AVATAR_URL, WORKSPACE_MEMBERS.ROLE, WORKSPACE_MEMBERS.JOINED_AT)
                .from(WORKSPACE_MEMBERS)
                .join(USERS).on(USERS.ID.eq(WORKSPACE_MEMBERS.USER_ID))
                .where(where);
    }

    /** How many workspaces the person owns, read in the caller's transaction (or plainly, outside one). */
    public int ownedBy(DSLContext ctx, UUID userId) {
        return ctx.fetchCount(WORKSPACE_MEMBERS, WORKSPACE_MEMBERS.USER_ID.eq(userId)
                .and(WORKSPACE_MEMBERS.ROLE.eq(MemberRole.OWNER.wireName())));
    }

    /** The person's role, read in the caller's transaction. */
    public Optional<MemberRole> role(DSLContext tx, UUID workspaceId, UUID userId) {
        return tx.select(WORKSPACE_MEMBERS.ROLE).from(WORKSPACE_MEMBERS)
                .where(WORKSPACE_MEMBERS.WORKSPACE_ID.eq(workspaceId)).and(WORKSPACE_MEMBERS.USER_ID.eq(userId))
                .fetchOptional(WORKSPACE_MEMBERS.ROLE).map(MemberRole::fromWire);
    }

    /** Whether the workspace has an owner, read in the caller's transaction. */
    public boolean hasOwner(DSLContext tx, UUID workspaceId) {
        return tx.fetchExists(WORKSPACE_MEMBERS, WORKSPACE_MEMBERS.WORKSPACE_ID.eq(workspaceId)
                .and(WORKSPACE_MEMBERS.ROLE.eq(MemberRole.OWNER.wireName())));
    }

    /** Adds the person, or leaves an existing membership as it is. @return true when added */
    public boolean add(DSLContext tx, UUID workspaceId, UUID userId, MemberRole role) {
        return tx.insertInto(WORKSPACE_MEMBERS)
                .set(WORKSPACE_MEMBERS.WORKSPACE_ID, workspaceId)
                .set(WORKSPACE_MEMBERS.USER_ID, userId)
                .set(WORKSPACE_MEMBERS.ROLE, role.wireName())
                .onConflictDoNothing()
                .execute() == 1;
    }

    boolean setRole(DSLContext tx, UUID workspaceId, UUID userId, MemberRole role) {
        return tx.update(WORKSPACE_MEMBERS).set(WORKSPACE_MEMBERS.ROLE, role.wireName())
                .where(WORKSPACE_MEMBERS.WORKSPACE_ID.eq(workspaceId)).and(WORKSPACE_MEMBERS.USER_ID.eq(userId))
                .execute() == 1;
    }

    boolean remove(DSLContext tx, UUID workspaceId, UUID userId) {
        return tx.deleteFrom(WORKSPACE_MEMBERS)
                .where(WORKSPACE_MEMBERS.WORKSPACE_ID.eq(workspaceId)).and(WORKSPACE_MEMBERS.USER_ID.eq(userId))
                .execute() == 1;
    }

    /** Owners left, counted under a lock on the workspace's rows so two concurrent demotions cannot both pass. */
    int lockedOwnerCount(DSLContext tx, UUID workspaceId) {
        return tx.selectFrom(WORKSPACE_MEMBERS).where(WORKSPACE_MEMBERS.WORKSPACE_ID.eq(workspaceId)).forUpdate()
                .fetch().stream().filter(r -> MemberRole.OWNER.wireName().equals(r.getRole())).toList().size();
    }

    private static Member toMember(Record r) {
        return new Member(r.get(USERS.ID), r.get(USERS.LOGIN), r.get(USERS.NAME), r.get(USERS.AVATAR_URL),
                MemberRole.fromWire(r.get(WORKSPACE_MEMBERS.ROLE)), r.get(WORKSPACE_MEMBERS.JOINED_AT));
    }

    /** A workspace and the person's role in it. */
    public record Membership(Workspace workspace, MemberRole role) {
    }
}
