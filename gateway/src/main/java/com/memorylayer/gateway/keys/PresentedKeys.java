package com.memorylayer.gateway.keys;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Authenticates the key a request presents, once per request: the rate limiter must know whose bucket to charge
 * before routing, and admission needs the same answer after it. The outcome, refusal included, is kept on the
 * request, so the HMAC and the database read happen once.
 */
@Component
public class PresentedKeys {

    private static final String OUTCOME = PresentedKeys.class.getName() + ".outcome";
    private static final Object REFUSED = new Object();

    private final ApiKeyAuthenticator authenticator;

    public PresentedKeys(ApiKeyAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    /** The key this request presented, if it was authenticated earlier in the request (by the rate limiter). */
    public static Optional<AuthenticatedKey> authenticated(HttpServletRequest request) {
        return request.getAttribute(OUTCOME) instanceof AuthenticatedKey key ? Optional.of(key) : Optional.empty();
    }

    /** @return the key, or empty when {@code presented} is malformed, unknown, revoked or expired */
    public Optional<AuthenticatedKey> authenticate(HttpServletRequest request, String presented) {
        Object earlier = request.getAttribute(OUTCOME);
        if (earlier instanceof AuthenticatedKey known) {
            return Optional.of(known);
        }
        if (earlier == REFUSED) {
            return Optional.empty();
        }
        Optional<AuthenticatedKey> key = ApiKeyToken.parse(presented).flatMap(authenticator::authenticate);
        request.setAttribute(OUTCOME, key.isPresent() ? key.get() : REFUSED);
        return key;
    }
}
