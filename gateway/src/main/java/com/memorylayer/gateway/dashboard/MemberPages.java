package com.memorylayer.gateway.dashboard;

import com.memorylayer.gateway.access.MemberRole;
import com.memorylayer.gateway.members.Invites;
import com.memorylayer.gateway.members.IssuedInvite;
import com.memorylayer.gateway.members.MemberDirectory.Membership;
import com.memorylayer.gateway.members.MemberDirectory;
import com.memorylayer.gateway.members.MembershipChanges;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Members and invites: invite (the link is shown once), revoke an invite, change roles, remove, leave. */
@Controller
class MemberPages {

    private final DashboardAccess access;
    private final MemberDirectory members;
    private final MembershipChanges changes;
    private final Invites invites;

    MemberPages(DashboardAccess access, MemberDirectory members, MembershipChanges changes, Invites invites) {
        this.access = access;
        this.members = members;
        this.changes = changes;
        this.invites = invites;
    }

    @GetMapping("/app/workspaces/{slug}/members")
    String members(@PathVariable String slug, Model model, HttpServletRequest request) {
        Membership membership = access.require(slug, MemberRole.VIEWER, request);
        model.addAttribute("membership", membership);
        model.addAttribute("me", access.person().id());
        model.addAttribute("members", members.members(membership.workspace().id()));
        if (membership.role().atLeast(MemberRole.ADMIN)) {
            model.addAttribute("invites", invites.open(membership.workspace().id()));
        }
        return "members";
    }

    @PostMapping("/app/workspaces/{slug}/invites")
    String invite(@PathVariable String slug, @RequestParam String role,
            @RequestParam(name = "expires_in_hours", required = false) Integer hours, HttpServletRequest request,
            RedirectAttributes redirect) {
        Membership membership = access.require(slug, MemberRole.ADMIN, request);
        IssuedInvite issued = invites.create(membership.workspace().id(), role(role), access.person().id(),
                hours == null ? null : Duration.ofHours(hours));
        redirect.addFlashAttribute("inviteUrl", ServletUriComponentsBuilder.fromCurrentContextPath()
                .path("/invites/{token}").buildAndExpand(issued.token()).toUriString());
        return "redirect:/app/workspaces/" + slug + "/members";
    }

    @PostMapping("/app/workspaces/{slug}/invites/{inviteId}/revoke")
    String revokeInvite(@PathVariable String slug, @PathVariable UUID inviteId, HttpServletRequest request) {
        Membership membership = access.require(slug, MemberRole.ADMIN, request);
        invites.revoke(membership.workspace().id(), inviteId);
        return "redirect:/app/workspaces/" + slug + "/members";
    }

    @PostMapping("/app/workspaces/{slug}/members/{userId}/role")
    String changeRole(@PathVariable String slug, @PathVariable UUID userId, @RequestParam String role,
            HttpServletRequest request) {
        Membership membership = access.require(slug, MemberRole.OWNER, request);
        changes.changeRole(membership.workspace().id(), membership.role(), userId, role(role));
        return "redirect:/app/workspaces/" + slug + "/members";
    }

    /** Removes a member; for yourself, this is leaving. */
    @PostMapping("/app/workspaces/{slug}/members/{userId}/remove")
    String remove(@PathVariable String slug, @PathVariable UUID userId, HttpServletRequest request) {
        Membership membership = access.require(slug, MemberRole.VIEWER, request);
        UUID me = access.person().id();
        changes.remove(membership.workspace().id(), me, membership.role(), userId);
        return me.equals(userId) ? "redirect:/app" : "redirect:/app/workspaces/" + slug + "/members";
    }

    private static MemberRole role(String wire) {
        try {
            return MemberRole.fromWire(wire);
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
        }
    }
}
