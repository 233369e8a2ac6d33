package com.memorylayer.gateway.session;

import com.memorylayer.schemas.api.ErrorCode;
import com.memorylayer.web.error.ApiException;
import com.memorylayer.web.error.ErrorResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The backstop on the session store: once the gateways together hold {@code memorylayer.sessions.max-active}
 * sessions, a request that would start another is answered 503 instead. Requests of existing sessions are untouched.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 6)
class SessionCeilingFilter extends OncePerRequestFilter {

    private static final String MESSAGE = "the gateway holds as many sessions as it may; try again in a minute";
    private static final String RETRY_AFTER_SECONDS = "60";

    private final ActiveSessions sessions;
    private final ErrorResponses errors;
    private final int maxActive;

    SessionCeilingFilter(ActiveSessions sessions, ErrorResponses errors, SessionProperties properties) {
        this.sessions = sessions;
        this.errors = errors;
        this.maxActive = properties.maxActive();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (startsSignIn(request) && request.getSession(false) == null && sessions.count() >= maxActive) {
            // Asked up front: the OAuth2 redirect filter turns any failure of its own into a bare 500.
            refuse(response);
            return;
        }
        try {
            chain.doFilter(new CeilingRequest(request), response);
        } catch (SessionCeilingReached e) {
            refuse(response);
        } catch (ServletException e) {
            // Thrown inside the security chain, it may come wrapped.
            if (!(e.getRootCause() instanceof SessionCeilingReached)) {
                throw e;
            }
            refuse(response);
        }
    }

    /** The two ways in that make a session: GitHub's authorization redirect and the dev launcher's one-time link. */
    private static boolean startsSignIn(HttpServletRequest request) {
        String path = request.getRequestURI();
        return path.startsWith("/oauth2/authorization/") || path.startsWith("/login/local/");
    }

    private void refuse(HttpServletResponse response) throws IOException {
        if (!response.isCommitted()) {
            response.resetBuffer();
            response.setHeader("Retry-After", RETRY_AFTER_SECONDS);
            errors.write(response, ErrorCode.TOO_MANY_SESSIONS, MESSAGE);
        }
    }

    private final class CeilingRequest extends HttpServletRequestWrapper {

        CeilingRequest(HttpServletRequest request) {
            super(request);
        }

        @Override
        public HttpSession getSession() {
            return getSession(true);
        }

        @Override
        public HttpSession getSession(boolean create) {
            HttpSession existing = super.getSession(false);
            if (existing != null || !create) {
                return existing;
            }
            if (sessions.count() >= maxActive) {
                throw new SessionCeilingReached();
            }
            return super.getSession(true);
        }
    }

    /** An API error too, so a controller that starts a session (the local sign-in link) answers the same 503. */
    static final class SessionCeilingReached extends ApiException {
        SessionCeilingReached() {
            super(ErrorCode.TOO_MANY_SESSIONS, MESSAGE);
        }
    }
}
