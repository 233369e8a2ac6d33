package com.memorylayer.gateway.mcp;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How many MCP messages are answered at once, counting those waiting on the query service (which hold no request
 * thread, but a read of the query service each): these bounds keep MCP from queueing without limit behind a slow
 * query service, and one workspace from taking every MCP slot.
 *
 * @param maxConcurrentCalls             MCP messages answered at once on the gateway (32)
 * @param maxConcurrentCallsPerWorkspace MCP messages of one workspace answered at once (8)
 */
@ConfigurationProperties("memorylayer.mcp")
record McpProperties(@DefaultValue("32") int maxConcurrentCalls, @DefaultValue("8") int maxConcurrentCallsPerWorkspace) {

    McpProperties {
        if (maxConcurrentCalls < 1 || maxConcurrentCallsPerWorkspace < 1) {
            throw new IllegalArgumentException("memorylayer.mcp.max-concurrent-calls and max-concurrent-calls-per-workspace must "
                    + "be positive, not " + maxConcurrentCalls + " and " + maxConcurrentCallsPerWorkspace);
        }
    }
}
