package com.memorylayer.gateway.operator;

import com.memorylayer.gateway.access.WorkspaceCaller;
import com.memorylayer.gateway.operator.LocalOperatorLinks.Redeemed;
import com.memorylayer.schemas.api.ErrorCode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.List;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** Opens a local operator's one-time link: signs them in and shows the workspace it is for. */
@Controller
class LocalSignInController {

    private final LocalOperatorLinks links;
    private final SecurityContextRepository sessions = new HttpSessionSecurityContextRepository();
    /** The same cookie the security chain keeps its CSRF token in. */
    private final CsrfTokenRepository csrfTokens = CookieCsrfTokenRepository.withHttpOnlyFalse();

    LocalSignInController(LocalOperatorLinks links) {
        this.links = links;
    }

    @GetMapping(LocalOperatorLinks.PATH + "{token}")
    String open(@PathVariable String token, HttpServletRequest request, HttpServletResponse response, Model model) {
        Redeemed redeemed = links.redeem(token).orElse(null);
        if (redeemed == null) {
            // Unknown, used, expired or not honoured here: the same answer, so the page tells an attacker nothing.
            ErrorCode code = ErrorCode.SIGN_IN_LINK_INVALID;
            response.setStatus(code.status());
            model.addAttribute("status", code.status());
            model.addAttribute("code", code.wire());
            model.addAttribute("message", "This sign-in link was already used, has expired, or is not valid here. "
                    + "Restart ./memorylayer up for a new one.");
            return "error-page";
        }
        // A new session and a new CSRF token on sign-in, as Spring Security's own sign-ins do: whatever was fixed
        // before it is worth nothing after.
        HttpSession existing = request.getSession(false);
        if (existing != null) {
            existing.invalidate();
        }
        csrfTokens.saveToken(null, request, response);
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(redeemed.operator(), null,
                List.copyOf(redeemed.operator().getAuthorities())));
        SecurityContextHolder.setContext(context);
        sessions.saveContext(context, request, response);
        // The sign-in grants a workspace's owner rights, so it is audited against that workspace.
        WorkspaceCaller.ofMember(redeemed.workspace(), redeemed.operator().id(), redeemed.role()).attachTo(request);
        return "redirect:/app/workspaces/" + redeemed.workspace().slug();
    }
}
