package com.memorylayer.gateway.connect;

import com.memorylayer.gateway.access.RequiresScope;
import com.memorylayer.gateway.access.Scope;
import com.memorylayer.gateway.access.WorkspaceCaller;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Connection kits: how to reach this workspace from an agent, and ready-to-paste configurations for Claude Code,
 * Cursor and Codex. Any key of the workspace may read them, whatever its scopes; none of them holds a key, only the
 * name of the environment variable that does.
 */
@RestController
@RequestMapping("/v1/workspaces/{slug}")
public class ConnectController {

    private static final MediaType TEXT = MediaType.parseMediaType("text/plain;charset=UTF-8");
    private static final MediaType MARKDOWN = MediaType.parseMediaType("text/markdown;charset=UTF-8");

    private final ConnectionKit kit;
    private final WorkspaceSkill skill;
    private final GatewayAddress address;

    ConnectController(ConnectionKit kit, WorkspaceSkill skill, GatewayAddress address) {
        this.kit = kit;
        this.skill = skill;
        this.address = address;
    }

    /** The service's and workspace's URLs, the MCP tools by group, the skills, and the calling key's name and prefix. */
    @GetMapping("/bootstrap")
    @RequiresScope(value = Scope.READ, anyScope = true)
    public Map<String, Object> bootstrap(WorkspaceCaller caller) {
        return kit.bootstrap(caller, urls(caller));
    }

    /** The connection kit: auth headers, endpoints, MCP, client configuration URLs, the calls to make first, env. */
    @GetMapping("/connect")
    @RequiresScope(value = Scope.READ, anyScope = true)
    public Map<String, Object> connect(WorkspaceCaller caller) {
        return kit.connect(caller, urls(caller));
    }

    /** Claude Code's {@code .mcp.json}; the key is read from {@code MEMORYLAYER_API_KEY}. */
    @GetMapping("/connect/claude-code")
    @RequiresScope(value = Scope.READ, anyScope = true)
    ResponseEntity<String> claudeCode(WorkspaceCaller caller) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(ClientConfigs.claudeCode(urls(caller)));
    }

    /** Cursor's {@code mcp.json}; the key is read from {@code MEMORYLAYER_API_KEY}. */
    @GetMapping("/connect/cursor")
    @RequiresScope(value = Scope.READ, anyScope = true)
    ResponseEntity<String> cursor(WorkspaceCaller caller) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(ClientConfigs.cursor(urls(caller)));
    }

    /** Codex's {@code config.toml} table {@code [mcp_servers.memorylayer]} (TOML, as text/plain). */
    @GetMapping("/connect/codex")
    @RequiresScope(value = Scope.READ, anyScope = true)
    public ResponseEntity<String> codex(WorkspaceCaller caller) {
        return ResponseEntity.ok().contentType(TEXT).body(ClientConfigs.codex(urls(caller)));
    }

    /** A dotenv file: {@code MEMORYLAYER_URL}, {@code _WORKSPACE}, {@code _MCP_URL}, and {@code _API_KEY} left to fill in. */
    @GetMapping("/connect/env")
    @RequiresScope(value = Scope.READ, anyScope = true)
    public ResponseEntity<String> env(WorkspaceCaller caller) {
        return ResponseEntity.ok().contentType(TEXT).body(ClientConfigs.env(urls(caller), kit.callingKey(caller).orElse(null)));
    }

    /** The workspace's skill for Claude ({@code memorylayer-<slug>}), as markdown. */
    @GetMapping("/connect/claude-skill.md")
    @RequiresScope(value = Scope.READ, anyScope = true)
    public ResponseEntity<String> claudeSkill(WorkspaceCaller caller) {
        return ResponseEntity.ok().contentType(MARKDOWN).body(skill.render(urls(caller)));
    }

    private WorkspaceUrls urls(WorkspaceCaller caller) {
        return address.workspace(caller.workspace().slug());
    }
}
