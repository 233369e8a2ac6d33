package com.memorylayer.gateway.connect;

import com.memorylayer.gateway.access.WorkspaceCaller;
import com.memorylayer.gateway.keys.ApiKeyDirectory;
import com.memorylayer.gateway.keys.ApiKeyListing;
import com.memorylayer.gateway.mcp.McpTool;
import com.memorylayer.gateway.mcp.ToolCatalogue;
import com.memorylayer.gateway.starter.StarterContent;
import com.memorylayer.gateway.starter.StarterSkill;
import io.modelcontextprotocol.spec.ProtocolVersions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * What an agent needs to reach a workspace: its URLs, the MCP server's tools and groups, the starter skills, the
 * calls to make first, and which key it is using — by name and prefix only, never the key.
 */
@Component
class ConnectionKit {

    static final String MCP_TRANSPORT = "streamable-http";
    /** What the endpoint speaks (McpEndpoint), named by the SDK it is built on. */
    static final String MCP_PROTOCOL = ProtocolVersions.MCP_2025_11_25;
    static final List<String> KEY_HEADERS = List.of("Authorization: Bearer $" + ClientConfigs.KEY_VARIABLE,
            "X-API-Key: $" + ClientConfigs.KEY_VARIABLE, "Authorization: Token $" + ClientConfigs.KEY_VARIABLE);

    private final ToolCatalogue catalogue;
    private final StarterContent starter;
    private final ApiKeyDirectory keys;
    /** Where the API document and its UI are, or null where they are switched off. */
    private final String openApiPath;
    private final String docsPath;

    ConnectionKit(ToolCatalogue catalogue, StarterContent starter, ApiKeyDirectory keys,
            @Value("${springdoc.api-docs.enabled:true}") boolean openApiEnabled, @Value("${springdoc.api-docs.path:/v3/api-docs}") String openApiPath,
            @Value("${springdoc.swagger-ui.enabled:true}") boolean docsEnabled, @Value("${springdoc.swagger-ui.path:/swagger-ui.html}") String docsPath) {
        this.catalogue = catalogue;
        this.starter = starter;
        this.keys = keys;
        this.openApiPath = openApiEnabled ? openApiPath : null;
        this.docsPath = openApiEnabled && docsEnabled ? docsPath : null;
    }

    /** {@code GET /bootstrap}'s answer. */
    Map<String, Object> bootstrap(WorkspaceCaller caller, WorkspaceUrls urls) {
        Map<String, Object> bootstrap = new LinkedHashMap<>();
        bootstrap.put("service", service(urls));
        bootstrap.put("api", endpoints(urls));
        bootstrap.put("mcp", mcp(urls));
        bootstrap.put("skills", skills(urls));
        bootstrap.put("api_key", callingKey(caller).map(key -> JsonFields.of("label", key.name(), "prefix", key.prefix())).orElse(null));
        return bootstrap;
    }

    /** {@code GET /connect}'s answer. */
    Map<String, Object> connect(WorkspaceCaller caller, WorkspaceUrls urls) {
        Optional<ApiKeyListing> key = callingKey(caller);
        Map<String, Object> auth = new LinkedHashMap<>();
        auth.put("api_key_label", key.map(ApiKeyListing::name).orElse(null));
        auth.put("api_key_prefix", key.map(ApiKeyListing::prefix).orElse(null));
        auth.put("api_key_env", ClientConfigs.KEY_VARIABLE);
        auth.put("headers", KEY_HEADERS);
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("MEMORYLAYER_URL", urls.base());
        env.put("MEMORYLAYER_WORKSPACE", urls.slug());
        env.put("MEMORYLAYER_MCP_URL", urls.mcp());
        // The key's value is the one thing the kit cannot give: it was shown once, when it was made.
        env.put(ClientConfigs.KEY_VARIABLE, null);
        Map<String, Object> kit = new LinkedHashMap<>();
        kit.put("service", service(urls));
        kit.put("workspace", JsonFields.of("name", caller.workspace().name(), "slug", caller.workspace().slug()));
        kit.put("auth", auth);
        kit.put("endpoints", endpoints(urls));
        kit.put("mcp", mcp(urls));
        kit.put("client_configs", clientConfigs(urls));
        kit.put("skills", skills(urls));
        kit.put("startup_calls", StartupCalls.STARTUP);
        kit.put("shutdown_calls", StartupCalls.SHUTDOWN);
        kit.put("env", env);
        return kit;
    }

    /** The key the caller presented, as listed; none for a signed-in person. */
    Optional<ApiKeyListing> callingKey(WorkspaceCaller caller) {
        return caller.keyId() == null ? Optional.empty() : keys.find(caller.workspace().id(), caller.keyId());
    }

    private Map<String, Object> service(WorkspaceUrls urls) {
        Map<String, Object> service = new LinkedHashMap<>();
        service.put("name", "Memorylayer");
        service.put("base_url", urls.base());
        service.put("api_base_url", urls.api());
        service.put("mcp_url", urls.mcp());
        service.put("tools_url", urls.at("/tools"));
        service.put("openapi_url", openApiPath == null ? null : urls.base() + openApiPath);
        service.put("docs_url", docsPath == null ? null : urls.base() + docsPath);
        service.put("connect_url", urls.at("/connect"));
        service.put("bootstrap_url", urls.at("/bootstrap"));
        service.put("manifest_url", urls.base() + "/v1/manifest");
        return service;
    }

    private static Map<String, Object> endpoints(WorkspaceUrls urls) {
        Map<String, Object> api = new LinkedHashMap<>();
        api.put("workspace_url", urls.api());
        api.put("remember_url", urls.at("/memories"));
        api.put("memories_url", urls.at("/memories"));
        api.put("recall_url", urls.at("/recall"));
        api.put("recall_context_url", urls.at("/recall/context"));
        api.put("ingest_url", urls.at("/ingest"));
        api.put("ingest_preview_url", urls.at("/ingest/preview"));
        api.put("ingest_runs_url", urls.at("/ingest/runs"));
        api.put("entities_url", urls.at("/entities"));
        api.put("resume_url", urls.at("/resume"));
        api.put("status_url", urls.at("/status"));
        api.put("health_url", urls.at("/health"));
        api.put("usage_url", urls.at("/usage"));
        api.put("tools_url", urls.at("/tools"));
        api.put("mcp_url", urls.mcp());
        return api;
    }

    private Map<String, Object> mcp(WorkspaceUrls urls) {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        for (McpTool tool : catalogue.all()) {
            names.add(tool.name());
            groups.computeIfAbsent(catalogue.groupOf(tool), g -> new ArrayList<>()).add(tool.name());
        }
        Map<String, Object> mcp = new LinkedHashMap<>();
        mcp.put("transport", MCP_TRANSPORT);
        mcp.put("protocol", MCP_PROTOCOL);
        mcp.put("url", urls.mcp());
        mcp.put("profiles", JsonFields.of("all", urls.mcp(), "core", urls.mcp() + "?tools=core", "read", urls.mcp() + "?tools=read"));
        mcp.put("headers", KEY_HEADERS);
        mcp.put("tool_count", names.size());
        mcp.put("tool_names", names);
        mcp.put("groups", groups);
        return mcp;
    }

    private static Map<String, Object> clientConfigs(WorkspaceUrls urls) {
        return JsonFields.of("claude_code", urls.at("/connect/claude-code"), "cursor", urls.at("/connect/cursor"),
                "codex", urls.at("/connect/codex"), "env", urls.at("/connect/env"), "claude_skill", urls.at("/connect/claude-skill.md"));
    }

    private List<Map<String, Object>> skills(WorkspaceUrls urls) {
        List<Map<String, Object>> skills = new ArrayList<>();
        skills.add(JsonFields.of("name", "memorylayer-" + urls.slug(), "title", "This workspace's skill",
                "url", urls.at("/connect/claude-skill.md"), "markdown_url", urls.at("/connect/claude-skill.md")));
        for (StarterSkill skill : starter.skills()) {
            String url = urls.base() + skill.path();
            skills.add(JsonFields.of("name", skill.name(), "title", skill.title(), "url", url, "markdown_url", url + ".md"));
        }
        return skills;
    }

}
