package com.memorylayer.gateway.mcp;

/**
 * A tool's call refused with the code and message the route it maps onto answered (a forwarded read's error, say):
 * the client gets a tool error with that code, as a REST client would get the same error.
 */
public class ToolRefusal extends RuntimeException {

    private final String code;

    public ToolRefusal(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
