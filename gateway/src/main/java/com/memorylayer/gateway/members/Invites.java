package com.memorylayer.gateway.members;

import static com.memorylayer.schemas.jooq.control.Tables.USERS;
import static com.memorylayer.schemas.jooq.control.Tables.WORKSPACES;
import static com.memorylayer.schemas.jooq.control.Tables.WORKSPACE_INVITES;

import com.memorylayer.gateway.access.MemberRole;
import com.memorylayer.schemas.api.ErrorCode;
import com.memorylayer.web.digest.Sha256;
import com.memorylayer.web.error.ApiException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.springframework.stereotype.Service;

/**
 * Invites: single-use, expiring, revocable. Only a SHA-256 of the token is stored; 256 random bits need no slow
 * or keyed hash. Accepting marks the invite used and adds the member in one transaction, so a token cannot be
 * spent twice even by two concurrent requests.
 */
@Service
public class Invites {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PREFIX = "mli_";

    private final DSLContext dsl;
    private final MemberDirectory members;
    private final InviteProperties properties;

    public Invites(DSLContext dsl, MemberDirectory members, InviteProperties properties) {
        this.dsl = dsl;
        this.members = members;
        this.properties = properties;
    }

    public IssuedInvite create(UUID workspaceId, MemberRole role, UUID createdBy, Duration lifetime) {
        if (role == MemberRole.OWNER) {
            throw ApiException.invalidField("role", "invite as admin or member; an owner can promote after");
        }
        Duration valid = lifetime == null ? properties.defaultLifetime() : lifetime;
        if (valid.isNegative() || valid.isZero() || valid.compareTo(properties.maxLifetime()) > 0) {
            throw ApiException.invalidField("expires_in_hours", "an invite is valid for up to " + properties.maxLifetime().toHours() + " hours");
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        UUID id = UUID.randomUUID();
        OffsetDateTime expiresAt = OffsetDateTime.now().plus(valid);
        dsl.insertInto(WORKSPACE_INVITES)
                .set(WORKSPACE_INVITES.ID, id)
                .set(WORKSPACE_INVITES.WORKSPACE_ID, workspaceId)
                .set(WORKSPACE_INVITES.TOKEN_HASH, hash(token))
                .set(WORKSPACE_INVITES.ROLE, role.wireName())
                .set(WORKSPACE_INVITES.CREATED_BY, createdBy)
                .set(WORKSPACE_INVITES.EXPIRES_AT, expiresAt)
                .execute();
        return new IssuedInvite(id, token, role, expiresAt);
    }

    /** Open invites: not used, not revoked, not expired. */
    public List<Invite> open(UUID workspaceId) {
        return dsl.select(WORKSPACE_INVITES.ID, WORKSPACE_INVITES.ROLE, WORKSPACE_INVITES.CREATED_AT,
                        WORKSPACE_INVITES.EXPIRES_AT, USERS.LOGIN)
                .from(WORKSPACE_INVITES)
                .leftJoin(USERS).on(USERS.ID.eq(WORKSPACE_INVITES.CREATED_BY))
                .where(WORKSPACE_INVITES.WORKSPACE_ID.eq(workspaceId))
                .and(WORKSPACE_INVITES.ACCEPTED_AT.isNull()).and(WORKSPACE_INVITES.REVOKED_AT.isNull())
                .and(WORKSPACE_INVITES.EXPIRES_AT.gt(OffsetDateTime.now()))
                .orderBy(WORKSPACE_INVITES.CREATED_AT.desc())
                .fetch(r -> new Invite(r.get(WORKSPACE_INVITES.ID), MemberRole.fromWire(r.get(WORKSPACE_INVITES.ROLE)),
                        r.get(WORKSPACE_INVITES.CREATED_AT), r.get(WORKSPACE_INVITES.EXPIRES_AT), r.get(USERS.LOGIN)));
    }

    public void revoke(UUID workspaceId, UUID inviteId) {
        int revoked = dsl.update(WORKSPACE_INVITES).set(WORKSPACE_INVITES.REVOKED_AT, OffsetDateTime.now())
                .where(WORKSPACE_INVITES.ID.eq(inviteId)).and(WORKSPACE_INVITES.WORKSPACE_ID.eq(workspaceId))
                .and(WORKSPACE_INVITES.ACCEPTED_AT.isNull()).and(WORKSPACE_INVITES.REVOKED_AT.isNull())
                .execute();
        if (revoked == 0) {
            throw notFound();
        }
    }

    /** What an open invite offers, shown before it is accepted. */
    public record Offer(String workspaceSlug, String workspaceName, MemberRole role, OffsetDateTime expiresAt) {
    }

    /** The workspace and role an open invite offers; empty when it is used, revoked, expired or made up. */
    public Optional<Offer> offer(String token) {
        if (token == null || !token.startsWith(PREFIX)) {
            return Optional.empty();
        }
        return dsl.select(WORKSPACES.SLUG, WORKSPACES.NAME, WORKSPACE_INVITES.ROLE, WORKSPACE_INVITES.EXPIRES_AT)
                .from(WORKSPACE_INVITES).join(WORKSPACES).on(WORKSPACES.ID.eq(WORKSPACE_INVITES.WORKSPACE_ID))
                .where(WORKSPACE_INVITES.TOKEN_HASH.eq(hash(token)))
                .and(WORKSPACE_INVITES.ACCEPTED_AT.isNull()).and(WORKSPACE_INVITES.REVOKED_AT.isNull())
                .and(WORKSPACE_INVITES.EXPIRES_AT.gt(OffsetDateTime.now()))
                .fetchOptional(r -> new Offer(r.value1(), r.value2(), MemberRole.fromWire(r.value3()), r.value4()));
    }

    /**
     * Revokes the open invites {@code userId} made in the workspace: called when they leave, are removed or lose
     * their role, so an invite cannot carry a right its maker no longer has.
     */
    static int revokeOpenInvitesBy(DSLContext tx, UUID workspaceId, UUID userId) {
        return tx.update(WORKSPACE_INVITES).set(WORKSPACE_INVITES.REVOKED_AT, OffsetDateTime.now())
                .where(WORKSPACE_INVITES.WORKSPACE_ID.eq(workspaceId)).and(WORKSPACE_INVITES.CREATED_BY.eq(userId))
                .and(WORKSPACE_INVITES.ACCEPTED_AT.isNull()).and(WORKSPACE_INVITES.REVOKED_AT.isNull())
                .execute();
    }

    /**
     * Spends the invite for this person. A person who is already a member keeps their role, and the invite is
     * still spent.
     *
     * @return the workspace joined
     */
    public UUID accept(String token, UUID userId) {
        if (token == null || !token.startsWith(PREFIX)) {
            throw notFound();
        }
        return dsl.transactionResult(c -> {
            DSLContext tx = c.dsl();
            var invite = tx.update(WORKSPACE_INVITES)
                    .set(WORKSPACE_INVITES.ACCEPTED_AT, OffsetDateTime.now())
                    .set(WORKSPACE_INVITES.ACCEPTED_BY, userId)
                    .where(WORKSPACE_INVITES.TOKEN_HASH.eq(hash(token)))
                    .and(WORKSPACE_INVITES.ACCEPTED_AT.isNull()).and(WORKSPACE_INVITES.REVOKED_AT.isNull())
                    .and(WORKSPACE_INVITES.EXPIRES_AT.gt(OffsetDateTime.now()))
                    .returning(WORKSPACE_INVITES.WORKSPACE_ID, WORKSPACE_INVITES.ROLE)
                    .fetchOne();
            if (invite == null) {
                throw notFound();
            }
            members.add(tx, invite.getWorkspaceId(), userId, MemberRole.fromWire(invite.getRole()));
            return invite.getWorkspaceId();
        });
    }

    /** Spends the invite and returns the membership it led to. */
    public MemberDirectory.Membership join(String token, UUID userId) {
        UUID workspace = accept(token, userId);
        return members.membershipsOf(userId).stream().filter(m -> m.workspace().id().equals(workspace)).findFirst()
                .orElseThrow(Invites::notFound);
    }

    private static ApiException notFound() {
        return new ApiException(ErrorCode.INVITE_NOT_FOUND,
                "this invite does not exist, was already used, was revoked or has expired");
    }

    private static byte[] hash(String token) {
        return Sha256.of(token);
    }
}
