package com.memorylayer.gateway.dashboard;

import com.memorylayer.gateway.access.MemberRole;
import com.memorylayer.gateway.keys.ApiKeyDirectory;
import com.memorylayer.gateway.keys.ApiKeyIssuer;
import com.memorylayer.gateway.keys.ApiKeyProperties;
import com.memorylayer.gateway.keys.IssuedApiKey;
import com.memorylayer.gateway.keys.KeyRequest;
import com.memorylayer.gateway.members.MemberDirectory.Membership;
import jakarta.servlet.http.HttpServletRequest;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The keys page: list, create (the clear key is shown on the next page view only), revoke. */
@Controller
class KeyPages {

    private final DashboardAccess access;
    private final ApiKeyDirectory keys;
    private final ApiKeyIssuer issuer;

    private final int maxPerWorkspace;

    KeyPages(DashboardAccess access, ApiKeyDirectory keys, ApiKeyIssuer issuer, ApiKeyProperties properties) {
        this.maxPerWorkspace = properties.maxPerWorkspace();
        this.access = access;
        this.keys = keys;
        this.issuer = issuer;
    }

    @GetMapping("/app/workspaces/{slug}/keys")
    String keys(@PathVariable String slug, Model model, HttpServletRequest request) {
        Membership membership = access.require(slug, MemberRole.ADMIN, request);
        model.addAttribute("membership", membership);
        model.addAttribute("keys", keys.list(membership.workspace().id()));
        return "keys";
    }

    @PostMapping("/app/workspaces/{slug}/keys")
    String create(@PathVariable String slug, @RequestParam String name,
            @RequestParam(required = false) List<String> scopes, @RequestParam(name = "expires_on", required = false) String expiresOn,
            HttpServletRequest request, RedirectAttributes redirect) {
        Membership membership = access.require(slug, MemberRole.ADMIN, request);
        OffsetDateTime expiresAt = expiresOn == null || expiresOn.isBlank() ? null
                : LocalDate.parse(expiresOn).plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC);
        KeyRequest key = new KeyRequest(name, scopes, expiresAt);
        issuer.requireRoom(membership.workspace().id(), maxPerWorkspace);
        IssuedApiKey issued = issuer.issue(membership.workspace().id(), name.strip(), key.validScopes(), expiresAt,
                access.person().id());
        // A flash attribute lives in the session for exactly one page view: the key is shown once.
        redirect.addFlashAttribute("newKey", issued.token().value());
        redirect.addFlashAttribute("newKeyName", issued.name());
        return "redirect:/app/workspaces/" + slug + "/keys";
    }

    @PostMapping("/app/workspaces/{slug}/keys/{keyId}/revoke")
    String revoke(@PathVariable String slug, @PathVariable UUID keyId, HttpServletRequest request,
            RedirectAttributes redirect) {
        Membership membership = access.require(slug, MemberRole.ADMIN, request);
        issuer.revoke(membership.workspace().id(), keyId);
        redirect.addFlashAttribute("notice", "The key was revoked; its next request is refused.");
        return "redirect:/app/workspaces/" + slug + "/keys";
    }
}
