package com.memorylayer.gateway.members;

import com.memorylayer.gateway.access.MemberRole;
import com.memorylayer.gateway.access.RequiresScope;
import com.memorylayer.gateway.access.Scope;
import com.memorylayer.gateway.access.WorkspaceCaller;
import com.memorylayer.gateway.login.SignedInUser;
import com.memorylayer.gateway.login.SignedInUsers;
import com.memorylayer.schemas.api.ErrorCode;
import com.memorylayer.web.error.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Members and invites of a workspace. Governing a workspace is for signed-in people, not keys. */
@RestController
class MembersController {

    private final MemberDirectory members;
    private final MembershipChanges changes;
    private final Invites invites;

    MembersController(MemberDirectory members, MembershipChanges changes, Invites invites) {
        this.members = members;
        this.changes = changes;
        this.invites = invites;
    }

    record RoleChange(String role) {
    }

    record NewInvite(String role, Integer expiresInHours) {
    }

    record CreatedInvite(UUID id, String token, String url, String role, OffsetDateTime expiresAt) {
    }

    record Joined(UUID workspaceId, String slug) {
    }

    @GetMapping("/v1/workspaces/{slug}/members")
    @RequiresScope(Scope.READ)
    List<Member> list(WorkspaceCaller caller) {
        return members.members(caller.workspace().id());
    }

    @PatchMapping("/v1/workspaces/{slug}/members/{userId}")
    @RequiresScope(value = Scope.ADMIN, people = true)
    Member changeRole(@PathVariable UUID userId, @RequestBody RoleChange body,
            WorkspaceCaller caller) {
        changes.changeRole(caller.workspace().id(), caller.role(), userId, role(body.role(), "role"));
        return members.member(caller.workspace().id(), userId).orElseThrow(() ->
                new ApiException(ErrorCode.MEMBER_NOT_FOUND, "no such member in this workspace"));
    }

    /** Removes a member; removing yourself is leaving, which any member may do. */
    @DeleteMapping("/v1/workspaces/{slug}/members/{userId}")
    @RequiresScope(value = Scope.READ, people = true)
    ResponseEntity<Void> remove(@PathVariable UUID userId, WorkspaceCaller caller) {
        changes.remove(caller.workspace().id(), caller.userId(), caller.role(), userId);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/v1/workspaces/{slug}/invites")
    @RequiresScope(value = Scope.ADMIN, people = true)
    List<Invite> invites(WorkspaceCaller caller) {
        return invites.open(caller.workspace().id());
    }

    /** Makes an invite; its token is in this answer only. */
    @PostMapping("/v1/workspaces/{slug}/invites")
    @RequiresScope(value = Scope.ADMIN, people = true)
    ResponseEntity<CreatedInvite> invite(@RequestBody NewInvite body, WorkspaceCaller caller) {
        Duration lifetime = body.expiresInHours() == null ? null : Duration.ofHours(body.expiresInHours());
        IssuedInvite issued = invites.create(caller.workspace().id(), role(body.role(), "role"), caller.userId(), lifetime);
        return ResponseEntity.status(HttpStatus.CREATED).body(new CreatedInvite(issued.id(), issued.token(),
                acceptUrl(issued.token()), issued.role().wireName(), issued.expiresAt()));
    }

    @DeleteMapping("/v1/workspaces/{slug}/invites/{inviteId}")
    @RequiresScope(value = Scope.ADMIN, people = true)
    ResponseEntity<Void> revokeInvite(@PathVariable UUID inviteId, WorkspaceCaller caller) {
        invites.revoke(caller.workspace().id(), inviteId);
        return ResponseEntity.noContent().build();
    }

    /** Joins the workspace the invite is for, as the signed-in person. */
    @PostMapping("/v1/invites/{token}/accept")
    Joined accept(@PathVariable String token, HttpServletRequest request) {
        SignedInUser person = SignedInUsers.current().orElseThrow(() -> new ApiException(ErrorCode.SIGN_IN_REQUIRED, "sign in to accept an invite"));
        MemberDirectory.Membership joined = invites.join(token, person.id());
        // The join shows in the workspace's own audit log.
        WorkspaceCaller.ofMember(joined.workspace(), person.id(), joined.role()).attachTo(request);
        return new Joined(joined.workspace().id(), joined.workspace().slug());
    }

    /** The dashboard page that accepts an invite, on this gateway's own address. */
    static String acceptUrl(String token) {
        return ServletUriComponentsBuilder.fromCurrentContextPath().path("/invites/{token}").buildAndExpand(token).toUriString();
    }

    static MemberRole role(String wire, String field) {
        try {
            return MemberRole.fromWire(wire);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField(field, e.getMessage());
        }
    }
}
