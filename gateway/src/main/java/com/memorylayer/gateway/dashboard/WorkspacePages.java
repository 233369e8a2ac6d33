package com.memorylayer.gateway.dashboard;

import com.memorylayer.gateway.access.MemberRole;
import com.memorylayer.gateway.access.WorkspaceCaller;
import com.memorylayer.gateway.activity.AuditLog;
import com.memorylayer.gateway.activity.AuditQuery;
import com.memorylayer.gateway.connect.ClientKit;
import com.memorylayer.gateway.connect.GatewayAddress;
import com.memorylayer.gateway.login.SignedInUser;
import com.memorylayer.gateway.members.Invites;
import com.memorylayer.gateway.members.MemberDirectory.Membership;
import com.memorylayer.gateway.members.MemberDirectory;
import com.memorylayer.gateway.ratelimit.WorkspaceCreationLimit;
import com.memorylayer.gateway.tenant.Workspace;
import com.memorylayer.gateway.workspace.WorkspaceProvisioner;
import com.memorylayer.gateway.workspace.WorkspaceStats;
import com.memorylayer.schemas.api.ErrorCode;
import com.memorylayer.web.error.ApiException;
import jakarta.servlet.http.HttpServletRequest;
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

/** Your workspaces, one workspace's overview and settings, and accepting an invite. */
@Controller
class WorkspacePages {

    private static final int RECENT_ACTIVITY = 10;

    private final DashboardAccess access;
    private final MemberDirectory members;
    private final WorkspaceProvisioner provisioner;
    private final WorkspaceStats stats;
    private final AuditLog audit;
    private final Invites invites;
    private final WorkspaceCreationLimit creations;
    private final GatewayAddress address;

    WorkspacePages(DashboardAccess access, MemberDirectory members, WorkspaceProvisioner provisioner,
            WorkspaceStats stats, AuditLog audit, Invites invites, WorkspaceCreationLimit creations, GatewayAddress address) {
        this.creations = creations;
        this.address = address;
        this.access = access;
        this.members = members;
        this.provisioner = provisioner;
        this.stats = stats;
        this.audit = audit;
        this.invites = invites;
    }

    @GetMapping("/")
    String root() {
        return "redirect:/app";
    }

    @GetMapping("/app")
    String workspaces(Model model) {
        SignedInUser person = access.person();
        model.addAttribute("person", person);
        model.addAttribute("memberships", members.membershipsOf(person.id()));
        return "workspaces";
    }

    @PostMapping("/app/workspaces")
    String create(@RequestParam String slug, @RequestParam(required = false) String name) {
        creations.take(access.person().id());
        Workspace created = provisioner.createValidated(slug, name, access.person().id());
        return "redirect:/app/workspaces/" + created.slug();
    }

    @GetMapping("/app/workspaces/{slug}")
    String overview(@PathVariable String slug, Model model, HttpServletRequest request) {
        Membership membership = access.require(slug, MemberRole.VIEWER, request);
        Workspace workspace = membership.workspace();
        model.addAttribute("membership", membership);
        model.addAttribute("memoryCount", stats.memoryCount(workspace));
        model.addAttribute("kit", ClientKit.of(address.workspace(workspace.slug())));
        if (membership.role().atLeast(MemberRole.ADMIN)) {
            model.addAttribute("recent", audit.page(workspace.id(), AuditQuery.newest(RECENT_ACTIVITY)).events());
        }
        return "overview";
    }

    @GetMapping("/app/workspaces/{slug}/settings")
    String settings(@PathVariable String slug, Model model, HttpServletRequest request) {
        model.addAttribute("membership", access.require(slug, MemberRole.ADMIN, request));
        return "settings";
    }

    @PostMapping("/app/workspaces/{slug}/rename")
    String rename(@PathVariable String slug, @RequestParam String name, HttpServletRequest request) {
        Membership membership = access.require(slug, MemberRole.ADMIN, request);
        WorkspaceProvisioner.checkName(name, true);
        provisioner.rename(membership.workspace().id(), name);
        return "redirect:/app/workspaces/" + slug + "/settings";
    }

    /** Deletes the workspace once its slug is typed again; the page offers the export first. */
    @PostMapping("/app/workspaces/{slug}/delete")
    String delete(@PathVariable String slug, @RequestParam(required = false) String confirm, HttpServletRequest request,
            RedirectAttributes redirect) {
        Membership membership = access.require(slug, MemberRole.OWNER, request);
        if (!slug.equals(confirm)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "type the workspace's slug to confirm the deletion");
        }
        provisioner.delete(membership.workspace());
        redirect.addFlashAttribute("notice", "Workspace " + slug + " and its memories were deleted.");
        return "redirect:/app";
    }

    @GetMapping("/invites/{token}")
    String invite(@PathVariable String token, Model model) {
        model.addAttribute("person", access.person());
        model.addAttribute("token", token);
        // What the invite offers, before anyone accepts it; a dead invite is the same 404 as the accept would be.
        model.addAttribute("offer", invites.offer(token).orElseThrow(() -> new ApiException(ErrorCode.INVITE_NOT_FOUND,
                "this invite does not exist, was already used, was revoked or has expired")));
        return "invite";
    }

    @PostMapping("/invites/{token}")
    String accept(@PathVariable String token, HttpServletRequest request) {
        UUID person = access.person().id();
        Membership joined = invites.join(token, person);
        WorkspaceCaller.ofMember(joined.workspace(), person, joined.role()).attachTo(request);
        return "redirect:/app/workspaces/" + joined.workspace().slug();
    }
}
