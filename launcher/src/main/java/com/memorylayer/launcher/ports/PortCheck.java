package com.memorylayer.launcher.ports;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Refuses to start the dev platform on a port something else holds, before anything starts. Without it a held port
 * surfaced half way through the start as whatever the service that met it said ("Postgres did not start", a Kafka
 * bind exception, Spring's failure report), after Postgres and the broker had already been started and had to be
 * stopped again. A port of 0 is picked when its service starts and is not checked.
 */
public final class PortCheck {

    private PortCheck() {
    }

    /** @throws PortInUseException naming the first port that is taken, who holds it if that can be seen, and what to do */
    public static void requireFree(List<ListenPort> ports) {
        Map<Integer, ListenPort> seen = new HashMap<>();
        for (ListenPort port : ports) {
            if (port.port() == 0) {
                continue;
            }
            ListenPort twin = seen.putIfAbsent(port.port(), port);
            if (twin != null) {
                throw new PortInUseException("port " + port.port() + " is set for both " + twin.service() + " ("
                        + twin.variable() + ") and " + port.service() + " (" + port.variable() + "): give each its own port, "
                        + "or 0 to pick a free one");
            }
            if (!bindable(port)) {
                throw new PortInUseException("port " + port.port() + " (" + port.service() + ", " + port.variable()
                        + ") is already in use" + PortOwner.of(port.port()).map(owner -> " by " + owner).orElse("")
                        + ": stop that process, or start with " + port.variable() + "=<another port> (0 picks a free one)");
            }
        }
    }

    private static boolean bindable(ListenPort port) {
        try (ServerSocket socket = new ServerSocket()) {
            // As the services bind: a port in TIME_WAIT from our own last run is free to them, a listener is not.
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port.address(), port.port()));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
