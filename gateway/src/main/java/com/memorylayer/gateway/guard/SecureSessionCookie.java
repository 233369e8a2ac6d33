package com.memorylayer.gateway.guard;

import org.springframework.boot.session.autoconfigure.DefaultCookieSerializerCustomizer;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.session.web.http.DefaultCookieSerializer;
import org.springframework.stereotype.Component;

/**
 * Makes the session cookie {@code Secure} and {@code __Host-}-prefixed (so no subdomain can set or read it) on a
 * gateway that serves anything but the local host names; a dev gateway on localhost keeps plain cookies, which a
 * plain-HTTP client can send back. Spring Session writes the cookie; this runs after Spring Boot applied
 * {@code server.servlet.session.cookie.*} to it.
 */
@Component
class SecureSessionCookie implements DefaultCookieSerializerCustomizer {

    static final String HOST_PREFIX = "__Host-";

    private final boolean secure;
    private final String name;

    SecureSessionCookie(GuardProperties guard, ServerProperties server) {
        this.secure = guard.cookiesSecure();
        String configured = server.getServlet().getSession().getCookie().getName();
        this.name = configured == null ? "SESSION" : configured;
    }

    @Override
    public void customize(DefaultCookieSerializer cookie) {
        if (!secure) {
            return;
        }
        cookie.setUseSecureCookie(true);
        // A __Host- cookie must be Secure, have the path / and name no domain.
        cookie.setCookiePath("/");
        cookie.setDomainName(null);
        if (!name.startsWith(HOST_PREFIX)) {
            cookie.setCookieName(HOST_PREFIX + name);
        }
    }
}
