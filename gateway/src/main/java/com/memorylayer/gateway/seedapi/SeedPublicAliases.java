package com.memorylayer.gateway.seedapi;

import com.memorylayer.gateway.connect.GatewayAddress;
import com.memorylayer.gateway.mcp.McpTool;
import com.memorylayer.gateway.mcp.ToolCatalogue;
import com.memorylayer.gateway.observability.ServiceStatusController;
import com.memorylayer.gateway.starter.ManifestController;
import com.memorylayer.gateway.starter.StarterController;
import com.memorylayer.gateway.status.HealthController;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The seed's public service surface, answered by our public routes' own methods: no key, as ours. */
@RestController
class SeedPublicAliases {

    private final HealthController health;
    private final ServiceStatusController status;
    private final ManifestController manifest;
    private final StarterController starter;
    private final ToolCatalogue catalogue;
    private final GatewayAddress address;

    SeedPublicAliases(HealthController health, ServiceStatusController status, ManifestController manifest,
            StarterController starter, ToolCatalogue catalogue, GatewayAddress address) {
        this.health = health;
        this.status = status;
        this.manifest = manifest;
        this.starter = starter;
        this.catalogue = catalogue;
        this.address = address;
    }

    @GetMapping("/api/health")
    @SeedAlias(successor = "/healthz")
    Map<String, String> seedHealth() {
        return health.health();
    }

    @GetMapping("/api/service/status")
    @SeedAlias(successor = "/v1/service/status")
    ServiceStatusController.ServiceStatus seedServiceStatus() {
        return status.status();
    }

    @GetMapping("/api/service/manifest")
    @SeedAlias(successor = "/v1/manifest")
    Map<String, Object> seedServiceManifest() {
        return manifest.manifest();
    }

    /** Our manifest with what the seed's MCP manifest added: the bridge's URL templates, its headers and the tools by group. */
    @GetMapping("/api/mcp/manifest")
    @SeedAlias(successor = "/v1/manifest")
    SeedMcpManifest seedMcpManifest() {
        List<McpTool> tools = catalogue.all();
        Map<String, List<String>> groups = new LinkedHashMap<>();
        tools.forEach(tool -> groups.computeIfAbsent(catalogue.groupOf(tool), g -> new java.util.ArrayList<>()).add(tool.name()));
        String workspace = address.base() + "/api/workspaces/{slug}";
        return new SeedMcpManifest(manifest.manifest(), "http-json", workspace + "/mcp", workspace + "/mcp/tools",
                Map.of("Authorization", "Bearer <workspace-api-key>", "X-API-Key", "<workspace-api-key>"), groups,
                tools.stream().map(t -> new SeedMcpManifest.Tool(t.name(), catalogue.groupOf(t), t.description(),
                        SeedToolHints.of(t.inputSchema()))).toList());
    }

    @GetMapping("/api/skills")
    @SeedAlias(successor = "/v1/skills")
    Map<String, Object> seedSkills() {
        return starter.skills();
    }

    @GetMapping("/api/skills/{name}")
    @SeedAlias(successor = "/v1/skills/{name}")
    Map<String, Object> seedSkill(@PathVariable String name) {
        return starter.skill(name);
    }

    @GetMapping("/api/skills/{name}.md")
    @SeedAlias(successor = "/v1/skills/{name}.md")
    ResponseEntity<String> seedSkillMarkdown(@PathVariable String name) {
        return starter.skillMarkdown(name);
    }

    @GetMapping("/api/sdk-snippets")
    @SeedAlias(successor = "/v1/sdk-snippets")
    Map<String, Object> seedSdkSnippets() {
        return starter.snippets();
    }

    @GetMapping("/api/playbooks")
    @SeedAlias(successor = "/v1/playbooks")
    Map<String, Object> seedPlaybooks() {
        return starter.playbooks();
    }

    @GetMapping("/api/examples")
    @SeedAlias(successor = "/v1/examples")
    Map<String, Object> seedExamples() {
        return starter.examples();
    }

    /** The seed's MCP manifest: our manifest, the bridge's call and discovery URL templates, headers, tools by group. */
    record SeedMcpManifest(Map<String, Object> manifest, String transport, String callUrl, String toolsUrl,
            Map<String, String> headers, Map<String, List<String>> toolGroups, List<Tool> tools) {

        record Tool(String name, String group, String description, Map<String, String> args) {
        }
    }
}
