package com.memorylayer.gateway.connect;

/**
 * What the dashboard shows to connect an agent: the MCP URL, the path its "test connection" calls (same origin), and
 * the three clients' configurations and the env file, as the {@code /connect/…} routes serve them.
 */
public record ClientKit(String mcpUrl, String mcpPath, String claudeCode, String cursor, String codex, String env) {

    /** For a signed-in person: no key of theirs to name in the env file. */
    public static ClientKit of(WorkspaceUrls urls) {
        return new ClientKit(urls.mcp(), urls.path("/mcp"), ClientConfigs.claudeCode(urls), ClientConfigs.cursor(urls),
                ClientConfigs.codex(urls), ClientConfigs.env(urls, null));
    }
}
