package com.memorylayer.gateway.members;

import com.memorylayer.gateway.access.MemberRole;
import com.memorylayer.schemas.api.ErrorCode;
import com.memorylayer.web.error.ApiException;
import java.util.UUID;
import org.jooq.DSLContext;
import org.springframework.stereotype.Service;

/**
 * Role changes, removals and leaving, with the rules that keep a workspace governable: only owners change roles,
 * admins remove members but not owners, anyone may leave, and no change may leave a workspace without an owner.
 */
@Service
public class MembershipChanges {

    private final DSLContext dsl;
    private final MemberDirectory members;

    public MembershipChanges(DSLContext dsl, MemberDirectory members) {
        this.dsl = dsl;
        this.members = members;
    }

    public void changeRole(UUID workspaceId, MemberRole actorRole, UUID target, MemberRole role) {
        if (actorRole != MemberRole.OWNER) {
            throw new ApiException(ErrorCode.INSUFFICIENT_SCOPE, "only an owner changes roles");
        }
        dsl.transaction(c -> {
            DSLContext tx = c.dsl();
            // Lock the workspace's memberships first, then read the target's role under that lock.
            int owners = members.lockedOwnerCount(tx, workspaceId);
            MemberRole current = currentRole(tx, workspaceId, target);
            if (current == MemberRole.OWNER && role != MemberRole.OWNER && owners <= 1) {
                throw lastOwner();
            }
            members.setRole(tx, workspaceId, target, role);
            if (!role.atLeast(current)) {
                Invites.revokeOpenInvitesBy(tx, workspaceId, target);
            }
        });
    }

    /** Removes {@code target}; when the actor is the target, this is leaving. */
    public void remove(UUID workspaceId, UUID actor, MemberRole actorRole, UUID target) {
        boolean leaving = actor != null && actor.equals(target);
        dsl.transaction(c -> {
            DSLContext tx = c.dsl();
            int owners = members.lockedOwnerCount(tx, workspaceId);
            MemberRole targetRole = currentRole(tx, workspaceId, target);
            if (!leaving && !(actorRole.atLeast(MemberRole.ADMIN) && actorRole.atLeast(targetRole))) {
                throw new ApiException(ErrorCode.INSUFFICIENT_SCOPE,
                        "admins remove members and admins; only an owner removes an owner");
            }
            if (targetRole == MemberRole.OWNER && owners <= 1) {
                throw lastOwner();
            }
            members.remove(tx, workspaceId, target);
            Invites.revokeOpenInvitesBy(tx, workspaceId, target);
        });
    }

    private MemberRole currentRole(DSLContext tx, UUID workspaceId, UUID userId) {
        return members.role(tx, workspaceId, userId).orElseThrow(() ->
                new ApiException(ErrorCode.MEMBER_NOT_FOUND, "no such member in this workspace"));
    }

    private static ApiException lastOwner() {
        return new ApiException(ErrorCode.LAST_OWNER,
                "a workspace keeps at least one owner; make someone else an owner first");
    }
}
