package com.memorylayer.gateway.guard;

import jakarta.servlet.ServletContext;
import jakarta.servlet.SessionCookieConfig;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.stereotype.Component;

/**
 * Makes the session cookie {@code Secure} and {@code __Host-}-prefixed (so no subdomain can set or read it) on a
 * gateway that serves anything but the local host names; a dev gateway on localhost keeps plain cookies, which a
 * plain-HTTP client can send back. Runs after Spring Boot applies {@code server.servlet.session.cookie.*}.
 */
@Component
class SecureSessionCookie implements ServletContextInitializer {

    static final String HOST_PREFIX = "__Host-";

    private final boolean secure;

    SecureSessionCookie(GuardProperties guard) {
        this.secure = guard.cookiesSecure();
    }

    @Override
    public void onStartup(ServletContext servletContext) {
        if (!secure) {
            return;
        }
        SessionCookieConfig cookie = servletContext.getSessionCookieConfig();
        cookie.setSecure(true);
        // A __Host- cookie must be Secure, have the path / and name no domain.
        cookie.setPath("/");
        cookie.setDomain(null);
        String name = cookie.getName() == null ? "JSESSIONID" : cookie.getName();
        if (!name.startsWith(HOST_PREFIX)) {
            cookie.setName(HOST_PREFIX + name);
        }
    }
}
