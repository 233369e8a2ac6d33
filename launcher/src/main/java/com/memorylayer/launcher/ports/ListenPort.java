package com.memorylayer.launcher.ports;

import java.net.InetAddress;

/**
 * A port the dev platform listens on, with the setting a person changes when something else holds it.
 *
 * @param service  what listens there, as a person would name it ("Postgres", "the gateway")
 * @param variable the environment variable that sets the port
 * @param address  the address the service binds
 * @param port     the port; 0 means one is picked when the service starts, so nothing is checked
 */
public record ListenPort(String service, String variable, InetAddress address, int port) {

    public ListenPort {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException(variable + " must be a port between 0 and 65535, was " + port);
        }
    }

    /** A service that listens on the loopback interface only. */
    public static ListenPort loopback(String service, String variable, int port) {
        return new ListenPort(service, variable, InetAddress.getLoopbackAddress(), port);
    }
}
