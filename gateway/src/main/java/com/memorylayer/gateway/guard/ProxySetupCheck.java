package com.memorylayer.gateway.guard;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Warns at start about a gateway that answers for a public host name while ignoring forward headers: behind a
 * proxy every client then has the proxy's address, so all anonymous callers share one rate-limit bucket.
 */
@Component
class ProxySetupCheck implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(ProxySetupCheck.class);

    private final GuardProperties guard;
    private final String forwardHeadersStrategy;

    ProxySetupCheck(GuardProperties guard, @Value("${server.forward-headers-strategy:none}") String forwardHeadersStrategy) {
        this.guard = guard;
        this.forwardHeadersStrategy = forwardHeadersStrategy;
    }

    @Override
    public void afterPropertiesSet() {
        if (needsWarning()) {
            log.warn("the gateway answers for {} but ignores X-Forwarded-*: behind a proxy every client shares the proxy's "
                    + "address and one rate-limit bucket; set MEMORYLAYER_FORWARD_HEADERS=native and MEMORYLAYER_TRUSTED_PROXIES "
                    + "to the proxy's address", guard.hosts());
        }
    }

    boolean needsWarning() {
        return forwardHeadersStrategy.equalsIgnoreCase("none") && guard.answersNonLocalHosts();
    }
}
