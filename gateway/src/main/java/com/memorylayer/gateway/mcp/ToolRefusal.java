package com.memorylayer.gateway.mcp;

/**
 * A tool's call refused with the code and message the route it maps onto answered (a forwarded read's error, say):
 * the client gets a tool error with that code, as a REST client would get the same error.
 */
public class ToolRefusal extends RuntimeException {

    private final String code;
    private final int status;

    /** @param status the HTTP status the route answered */
    public ToolRefusal(String code, String message, int status) {
        super(message, null, false, false);
        this.code = code;
        this.status = status;
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }
}
