package com.memorylayer.gateway.members;

import com.memorylayer.gateway.auth.RequiresScope;
import com.memorylayer.gateway.auth.WorkspaceCaller;
import com.memorylayer.gateway.auth.WorkspaceKeyInterceptor;
import com.memorylayer.gateway.error.ApiException;
import com.memorylayer.gateway.keys.ApiKeyScope;
import com.memorylayer.gateway.login.SignedInUser;
import com.memorylayer.gateway.login.SignedInUsers;
import com.memorylayer.schemas.api.ErrorCode;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
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
    @RequiresScope(ApiKeyScope.READ)
    List<Member> list(@PathVariable String slug, HttpServletRequest request) {
        return members.members(WorkspaceKeyInterceptor.caller(request).workspace().id());
    }

    @PatchMapping("/v1/workspaces/{slug}/members/{userId}")
    @RequiresScope(value = ApiKeyScope.ADMIN, people = true)
    Member changeRole(@PathVariable String slug, @PathVariable UUID userId, @RequestBody RoleChange body,
            HttpServletRequest request) {
        WorkspaceCaller caller = WorkspaceKeyInterceptor.caller(request);
        changes.changeRole(caller.workspace().id(), caller.role(), userId, role(body.role(), "role"));
        return members.member(caller.workspace().id(), userId).orElseThrow(() ->
                new ApiException(HttpStatus.NOT_FOUND, ErrorCode.MEMBER_NOT_FOUND, "no such member in this workspace"));
    }

    /** Removes a member; removing yourself is leaving, which any member may do. */
    @DeleteMapping("/v1/workspaces/{slug}/members/{userId}")
    @RequiresScope(value = ApiKeyScope.READ, people = true)
    ResponseEntity<Void> remove(@PathVariable String slug, @PathVariable UUID userId, HttpServletRequest request) {
        WorkspaceCaller caller = WorkspaceKeyInterceptor.caller(request);
        changes.remove(caller.workspace().id(), caller.userId(), caller.role(), userId);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/v1/workspaces/{slug}/invites")
    @RequiresScope(value = ApiKeyScope.ADMIN, people = true)
    List<Invite> invites(@PathVariable String slug, HttpServletRequest request) {
        return invites.open(WorkspaceKeyInterceptor.caller(request).workspace().id());
    }

    /** Makes an invite; its token is in this answer only. */
    @PostMapping("/v1/workspaces/{slug}/invites")
    @RequiresScope(value = ApiKeyScope.ADMIN, people = true)
    ResponseEntity<CreatedInvite> invite(@PathVariable String slug, @RequestBody NewInvite body, HttpServletRequest request) {
        WorkspaceCaller caller = WorkspaceKeyInterceptor.caller(request);
        Duration lifetime = body.expiresInHours() == null ? null : Duration.ofHours(body.expiresInHours());
        IssuedInvite issued = invites.create(caller.workspace().id(), role(body.role(), "role"), caller.userId(), lifetime);
        return ResponseEntity.status(HttpStatus.CREATED).body(new CreatedInvite(issued.id(), issued.token(),
                acceptUrl(issued.token()), issued.role().wireName(), issued.expiresAt()));
    }

    @DeleteMapping("/v1/workspaces/{slug}/invites/{inviteId}")
    @RequiresScope(value = ApiKeyScope.ADMIN, people = true)
    ResponseEntity<Void> revokeInvite(@PathVariable String slug, @PathVariable UUID inviteId, HttpServletRequest request) {
        invites.revoke(WorkspaceKeyInterceptor.caller(request).workspace().id(), inviteId);
        return ResponseEntity.noContent().build();
    }

    /** Joins the workspace the invite is for, as the signed-in person. */
    @PostMapping("/v1/invites/{token}/accept")
    Joined accept(@PathVariable String token, HttpServletRequest request) {
        SignedInUser person = SignedInUsers.current().orElseThrow(() -> new ApiException(HttpStatus.UNAUTHORIZED,
                ErrorCode.SIGN_IN_REQUIRED, "sign in to accept an invite"));
        MemberDirectory.Membership joined = invites.join(token, person.id());
        // The join shows in the workspace's own audit log.
        WorkspaceKeyInterceptor.attribute(request, WorkspaceCaller.ofMember(joined.workspace(), person.id(), joined.role()));
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
            throw new ApiException(HttpStatus.BAD_REQUEST, ErrorCode.INVALID_REQUEST, e.getMessage(), Map.of("field", field));
        }
    }
}
