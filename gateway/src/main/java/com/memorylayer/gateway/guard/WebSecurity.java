package com.memorylayer.gateway.guard;

import com.memorylayer.gateway.keys.ApiKeyExtractor;
import com.memorylayer.gateway.keys.PresentedKeys;
import com.memorylayer.gateway.login.GitHubLoginProperties;
import com.memorylayer.schemas.api.ErrorCode;
import com.memorylayer.web.error.ErrorResponses;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserRequest;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.user.OAuth2User;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.savedrequest.CookieRequestCache;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * People's sessions, CSRF and the security headers. Keys are not checked here: a workspace route authenticates
 * its caller itself ({@code WorkspaceAdmission}), by key or by this chain's session, so that both answer
 * with the same error shape and the same 404 for other tenants' workspaces.
 */
@Configuration
@EnableWebSecurity
class WebSecurity {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data: https://avatars.githubusercontent.com; "
            + "style-src 'self' 'unsafe-inline'; script-src 'self'; object-src 'none'; base-uri 'none'; "
            + "form-action 'self'; frame-ancestors 'none'";

    @Bean
    SecurityFilterChain gatewayChain(HttpSecurity http, GitHubLoginProperties github, ErrorResponses errors,
            PresentedKeys keys, GuardProperties guard, ObjectProvider<ClientRegistrationRepository> registrations,
            OAuth2UserService<OAuth2UserRequest, OAuth2User> users) throws Exception {
        http.authorizeHttpRequests(a -> a
                        .requestMatchers("/app", "/app/**", "/invites/**").authenticated()
                        .anyRequest().permitAll())
                // The page asked for before signing in is kept in a short-lived cookie, not in a server session: an
                // anonymous visitor costs the gateway no memory.
                .requestCache(c -> c.requestCache(new CookieRequestCache()))
                .exceptionHandling(e -> e
                        .authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint("/login"))
                        .accessDeniedHandler((request, response, denied) -> errors.write(response, ErrorCode.CSRF_TOKEN_INVALID, "missing or invalid CSRF token")))
                // Cookie sessions need CSRF tokens; a request a genuine key authenticates cannot be forged by another
                // site, since a browser never adds those headers on its own.
                .csrf(c -> c.csrfTokenRepository(csrfCookies(guard.cookiesSecure()))
                        .csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler())
                        .requireCsrfProtectionMatcher(sessionStateChange(keys)))
                .headers(h -> h
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .frameOptions(f -> f.deny())
                        .referrerPolicy(r -> r.policy(ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN))
                        // Sent on TLS requests only (Spring's default): HSTS over plain HTTP is ignored anyway.
                        .httpStrictTransportSecurity(hsts -> hsts.includeSubDomains(true).maxAgeInSeconds(31_536_000)))
                .logout(l -> l.logoutUrl("/logout").logoutSuccessUrl("/login?signed-out"));
        if (github.configured() && registrations.getIfAvailable() != null) {
            http.oauth2Login(o -> o.loginPage("/login")
                    // The GitHub access token is needed once, to read who signed in; it is not kept in the session.
                    .authorizedClientRepository(new NothingKeptAuthorizedClients())
                    .userInfoEndpoint(u -> u.userService(users))
                    .defaultSuccessUrl("/app", false));
        }
        return http.build();
    }

    private static CookieCsrfTokenRepository csrfCookies(boolean secure) {
        CookieCsrfTokenRepository repository = CookieCsrfTokenRepository.withHttpOnlyFalse();
        repository.setCookieCustomizer(cookie -> cookie.secure(secure));
        return repository;
    }

    private static RequestMatcher sessionStateChange(PresentedKeys keys) {
        return request -> StateChangingMethods.contains(request.getMethod()) && request.getRequestedSessionId() != null
                && !authenticatedByKey(request, keys);
    }

    /**
     * True only when the request is a workspace route (the only ones a key can call) and its key header (Bearer or
     * X-API-Key, which a browser never adds by itself, unlike Basic or Negotiate credentials) holds a genuine key.
     * A made-up key, or any key on a route only a session can use (creating a workspace, accepting an invite, the
     * dashboard's forms), leaves the CSRF check in place.
     */
    private static boolean authenticatedByKey(HttpServletRequest request, PresentedKeys keys) {
        if (!ApiPaths.isWorkspaceRoute(request.getRequestURI())) {
            return false;
        }
        return ApiKeyExtractor.extract(request).flatMap(presented -> keys.authenticate(request, presented)).isPresent();
    }
}
