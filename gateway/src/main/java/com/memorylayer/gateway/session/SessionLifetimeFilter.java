package com.memorylayer.gateway.session;

import com.memorylayer.gateway.login.SignedInUser;
import com.memorylayer.gateway.login.SignedInUsers;
import com.memorylayer.gateway.login.UserDirectory;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives a session its signed-in lifetime. Every session starts with the short pre-login idle timeout (the
 * container's); the first request after a person signs in stretches it to the signed-in idle timeout and stamps
 * the sign-in time, and a session older than the absolute lifetime, or signed in before its person signed out
 * everywhere, is ended there, before the security chain reads it, so the person signs in again.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 7)
class SessionLifetimeFilter extends OncePerRequestFilter {

    static final String SIGNED_IN_AT = SessionLifetimeFilter.class.getName() + ".signedInAt";

    private final SessionProperties properties;
    private final Clock clock;
    private final UserDirectory users;

    SessionLifetimeFilter(SessionProperties properties, Clock clock, UserDirectory users) {
        this.properties = properties;
        this.clock = clock;
        this.users = users;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpSession session = request.getSession(false);
        Optional<SignedInUser> person = session == null ? Optional.empty() : SignedInUsers.inSession(request);
        if (person.isPresent()) {
            Instant now = clock.instant();
            Object stamped = session.getAttribute(SIGNED_IN_AT);
            if (stamped instanceof Instant signedInAt) {
                boolean signedOutEverywhere = users.sessionsValidAfter(person.get().id())
                        .filter(after -> !signedInAt.isAfter(after.toInstant())).isPresent();
                if (signedOutEverywhere || !now.isBefore(signedInAt.plus(properties.absoluteLifetime()))) {
                    session.invalidate();
                }
            } else {
                session.setAttribute(SIGNED_IN_AT, now);
                session.setMaxInactiveInterval((int) properties.idleTimeout().toSeconds());
            }
        }
        chain.doFilter(request, response);
    }
}
