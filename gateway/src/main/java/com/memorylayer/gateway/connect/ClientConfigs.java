package com.memorylayer.gateway.connect;

import com.memorylayer.gateway.keys.ApiKeyListing;
import java.util.Map;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The MCP clients' configurations, each in the format its client reads, and each reading the key from the
 * environment variable {@value #KEY_VARIABLE}: no configuration ever holds a key, so one can be committed or pasted
 * anywhere.
 */
final class ClientConfigs {

    static final String KEY_VARIABLE = "MEMORYLAYER_API_KEY";
    static final String SERVER_NAME = "memorylayer";

    private static final JsonMapper PRETTY = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private ClientConfigs() {
    }

    /** Claude Code's {@code .mcp.json}: it expands {@code ${VAR}} in a server's headers when it loads the file. */
    static String claudeCode(WorkspaceUrls urls) {
        return json(Map.of("mcpServers", Map.of(SERVER_NAME, JsonFields.of("type", "http", "url", urls.mcp(),
                "headers", Map.of("Authorization", "Bearer ${" + KEY_VARIABLE + "}")))));
    }

    /** Cursor's {@code mcp.json}: it expands {@code ${env:VAR}}. */
    static String cursor(WorkspaceUrls urls) {
        return json(Map.of("mcpServers", Map.of(SERVER_NAME, JsonFields.of("url", urls.mcp(),
                "headers", Map.of("Authorization", "Bearer ${env:" + KEY_VARIABLE + "}")))));
    }

    /** Codex's {@code config.toml} table: Codex sends the variable's value as the bearer token. */
    static String codex(WorkspaceUrls urls) {
        return "# Codex: add to ~/.codex/config.toml, then export " + KEY_VARIABLE + " before starting codex.\n"
                + "[mcp_servers." + SERVER_NAME + "]\n"
                + "url = " + tomlString(urls.mcp()) + "\n"
                + "bearer_token_env_var = " + tomlString(KEY_VARIABLE) + "\n";
    }

    /**
     * A dotenv file with the key left for the person to fill in; the calling key's name and prefix, if there is one, in a
     * comment to say which key belongs there.
     */
    static String env(WorkspaceUrls urls, ApiKeyListing key) {
        String which = key == null ? "a key of this workspace"
                : "the key \"" + oneLine(key.name()) + "\" (" + oneLine(key.prefix()) + "...)";
        return "# Memorylayer, workspace " + urls.slug() + "\n"
                + "MEMORYLAYER_URL=" + urls.base() + "\n"
                + "MEMORYLAYER_WORKSPACE=" + urls.slug() + "\n"
                + "MEMORYLAYER_MCP_URL=" + urls.mcp() + "\n"
                + "# Fill in " + which + ": it was shown once, when it was made.\n"
                + KEY_VARIABLE + "=\n";
    }

    /** A key's name is free text: in a comment it must not start a line of its own. */
    static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\p{Cntrl}", " ");
    }


    private static String json(Object value) {
        return PRETTY.writeValueAsString(value) + "\n";
    }

    /** A TOML basic string. */
    private static String tomlString(String value) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                default -> {
                    if (Character.isISOControl(c)) {
                        quoted.append(String.format("\\u%04X", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }
}
