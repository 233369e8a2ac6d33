package com.memorylayer.gateway.mcp;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How many MCP messages are answered at once. The MCP SDK's servlet transport (2.1.0) answers each message on its
 * request thread, blocking on the server's answer, and a tool that asks the query service waits for it there; these
 * bounds keep MCP from taking every one of Tomcat's request threads, and one workspace from taking every MCP slot.
 *
 * @param maxConcurrentCalls             MCP messages answered at once on the gateway (32 of Tomcat's 200 threads)
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
