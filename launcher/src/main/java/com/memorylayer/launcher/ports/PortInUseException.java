package com.memorylayer.launcher.ports;

/** A port the dev platform needs is held by another process; the message says which and what to do. */
public final class PortInUseException extends IllegalStateException {

    PortInUseException(String message) {
        super(message);
    }
}
