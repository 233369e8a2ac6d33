package com.memorylayer.gateway.dashboard;

import com.memorylayer.gateway.access.MemberRole;
import com.memorylayer.gateway.access.Scope;
import com.memorylayer.gateway.access.WorkspaceCaller;
import com.memorylayer.gateway.login.SignedInUser;
import com.memorylayer.gateway.login.SignedInUsers;
import com.memorylayer.gateway.members.MemberDirectory.Membership;
import com.memorylayer.gateway.members.MemberDirectory;
import com.memorylayer.schemas.api.ErrorCode;
import com.memorylayer.web.error.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * The dashboard's counterpart of the API's caller check: the signed-in person must be a member of the page's
 * workspace (else the same 404 as a workspace that does not exist) with at least the role the page needs. The
 * person is recorded as the request's caller, so the actions they take are audited against the workspace.
 */
@Component
class DashboardAccess {

    private final MemberDirectory members;

    DashboardAccess(MemberDirectory members) {
        this.members = members;
    }

    SignedInUser person() {
        return SignedInUsers.current().orElseThrow(() -> new ResponseStatusException(HttpStatus.UNAUTHORIZED));
    }

    Membership require(String slug, MemberRole atLeast, HttpServletRequest request) {
        SignedInUser person = person();
        Membership membership = members.membership(slug, person.id())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no workspace '" + slug + "' for you"));
        WorkspaceCaller.ofMember(membership.workspace(), person.id(), membership.role()).attachTo(request);
        if (!membership.role().atLeast(atLeast)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "this needs the " + atLeast.wireName() + " role");
        }
        return membership;
    }

    /**
     * A member of the workspace whose role carries {@code scope}, as the caller the API's routes would see: the same
     * refusal ({@code 403 insufficient_scope}) the route's admission gives a member whose role does not allow it.
     */
    Admitted caller(String slug, Scope scope, HttpServletRequest request) {
        Membership membership = require(slug, MemberRole.VIEWER, request);
        WorkspaceCaller caller = WorkspaceCaller.of(request).orElseThrow();
        if (!caller.allows(scope)) {
            throw new ApiException(ErrorCode.INSUFFICIENT_SCOPE, "your role in this workspace does not allow this");
        }
        return new Admitted(membership, caller);
    }

    /** A member admitted to a page, and the same person as the API's routes see them. */
    record Admitted(Membership membership, WorkspaceCaller caller) {
    }
}
