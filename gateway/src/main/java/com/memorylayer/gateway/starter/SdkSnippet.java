package com.memorylayer.gateway.starter;

import java.util.List;

/**
 * A piece of client code to start from. It reads the service's address, the workspace and the key from
 * {@code MEMORYLAYER_URL}, {@code MEMORYLAYER_WORKSPACE} and {@code MEMORYLAYER_API_KEY}, never holds a key itself.
 *
 * @param tools  the MCP tools it calls
 * @param routes the routes it calls, as {@code "POST /v1/…"}
 */
public record SdkSnippet(String name, String language, String title, List<String> tools, List<String> routes, String code) {

    public SdkSnippet {
        tools = tools == null ? List.of() : List.copyOf(tools);
        routes = routes == null ? List.of() : List.copyOf(routes);
    }
}
