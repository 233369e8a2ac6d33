package com.memorylayer.gateway.login;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Whether this gateway listens on loopback only. A local operator's sign-in link says "whoever is at this machine
 * may manage the bootstrap workspace": true only when no other machine can reach the gateway at all. A gateway that
 * trusts forwarded headers sits behind a proxy, which makes it public however it is bound, so it does not count.
 */
@Component
public class LoopbackBinding {

    private final boolean loopback;

    LoopbackBinding(@Value("${server.address:}") String address,
            @Value("${server.forward-headers-strategy:none}") String forwardHeaders) {
        this.loopback = isLoopback(address) && "none".equalsIgnoreCase(forwardHeaders.strip());
    }

    public boolean isLoopback() {
        return loopback;
    }

    /** Unset (every interface) and any address that is not a loopback one count as reachable from elsewhere. */
    static boolean isLoopback(String address) {
        if (address == null || address.isBlank()) {
            return false;
        }
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
