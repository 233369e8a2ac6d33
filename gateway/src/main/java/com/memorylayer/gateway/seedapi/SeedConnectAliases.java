package com.memorylayer.gateway.seedapi;

import com.memorylayer.gateway.access.RequiresScope;
import com.memorylayer.gateway.access.Scope;
import com.memorylayer.gateway.access.WorkspaceCaller;
import com.memorylayer.gateway.connect.ConnectController;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The seed's bootstrap, connection kit, client bundle and client files, answered by our connection kit's methods:
 * any key of the workspace may read them, as ours. They point clients at our routes, not at the aliases.
 */
@RestController
@RequestMapping("/api/workspaces/{slug}")
class SeedConnectAliases {

    private final ConnectController connect;

    SeedConnectAliases(ConnectController connect) {
        this.connect = connect;
    }

    @GetMapping("/bootstrap")
    @RequiresScope(value = Scope.READ, anyScope = true)
    @SeedAlias(successor = "/v1/workspaces/{slug}/bootstrap")
    Map<String, Object> seedBootstrap(WorkspaceCaller caller) {
        return withWorkspace(caller, connect.bootstrap(caller));
    }

    @GetMapping("/connect")
    @RequiresScope(value = Scope.READ, anyScope = true)
    @SeedAlias(successor = "/v1/workspaces/{slug}/connect")
    Map<String, Object> seedConnect(WorkspaceCaller caller) {
        return connect.connect(caller);
    }

    /** The seed's client bundle: the kit's auth and endpoints with the env, Codex and skill files inline. */
    @GetMapping("/agent-config")
    @RequiresScope(value = Scope.READ, anyScope = true)
    @SeedAlias(successor = "/v1/workspaces/{slug}/connect")
    SeedAgentConfig seedAgentConfig(WorkspaceCaller caller) {
        Map<String, Object> kit = connect.connect(caller);
        return new SeedAgentConfig(caller.workspace().slug(), kit.get("auth"), kit.get("endpoints"), kit.get("mcp"),
                connect.env(caller).getBody(), connect.codex(caller).getBody(), connect.claudeSkill(caller).getBody());
    }

    /** Our Codex file is an MCP server table, {@code [mcp_servers.memorylayer]}, not the seed's {@code [memorylayer]} profile. */
    @GetMapping("/codex.toml")
    @RequiresScope(value = Scope.READ, anyScope = true)
    @SeedAlias(successor = "/v1/workspaces/{slug}/connect/codex")
    ResponseEntity<String> seedCodexToml(WorkspaceCaller caller) {
        return connect.codex(caller);
    }

    @GetMapping("/claude-skill.md")
    @RequiresScope(value = Scope.READ, anyScope = true)
    @SeedAlias(successor = "/v1/workspaces/{slug}/connect/claude-skill.md")
    ResponseEntity<String> seedClaudeSkill(WorkspaceCaller caller) {
        return connect.claudeSkill(caller);
    }

    @GetMapping("/env")
    @RequiresScope(value = Scope.READ, anyScope = true)
    @SeedAlias(successor = "/v1/workspaces/{slug}/connect/env")
    ResponseEntity<String> seedEnv(WorkspaceCaller caller) {
        return connect.env(caller);
    }

    private static Map<String, Object> withWorkspace(WorkspaceCaller caller, Map<String, Object> answer) {
        Map<String, Object> shaped = new LinkedHashMap<>();
        shaped.put("workspace", caller.workspace().slug());
        shaped.putAll(answer);
        return shaped;
    }

    /** The seed's {@code agent-config}: where to call, how to authenticate, and the client files as text. */
    record SeedAgentConfig(String workspace, Object auth, Object endpoints, Object mcp, String env, String codexToml,
            String claudeSkill) {
    }
}
