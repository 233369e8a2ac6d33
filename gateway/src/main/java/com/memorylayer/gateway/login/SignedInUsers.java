package com.memorylayer.gateway.login;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;

/** The person signed in on the current request, if any. */
public final class SignedInUsers {

    private SignedInUsers() {
    }

    /** While the security chain runs (controllers, interceptors). */
    public static Optional<SignedInUser> current() {
        return of(SecurityContextHolder.getContext().getAuthentication());
    }

    /** From the session itself: for code that runs outside the security chain, such as the outermost filter. */
    public static Optional<SignedInUser> inSession(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        Object context = session == null ? null
                : session.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
        return context instanceof SecurityContext security ? of(security.getAuthentication()) : Optional.empty();
    }

    private static Optional<SignedInUser> of(Authentication authentication) {
        return authentication != null && authentication.getPrincipal() instanceof SignedInUser user
                ? Optional.of(user) : Optional.empty();
    }
}
