package com.memorylayer.gateway.starter;

import com.memorylayer.gateway.mcp.McpTool;
import com.memorylayer.gateway.mcp.ToolCatalogue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /v1/manifest}, public: what the service offers, counted, and its routes by name. */
@RestController
public class ManifestController {

    private final StarterContent content;
    private final ToolCatalogue catalogue;

    ManifestController(StarterContent content, ToolCatalogue catalogue) {
        this.content = content;
        this.catalogue = catalogue;
    }

    /** Service name, content version, counts of tools, tool groups, skills, playbooks, snippets and examples, and route templates. */
    @GetMapping("/v1/manifest")
    public Map<String, Object> manifest() {
        List<McpTool> tools = catalogue.all();
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("tools", tools.size());
        counts.put("groups", tools.stream().map(catalogue::groupOf).distinct().count());
        counts.put("skills", content.skills().size());
        counts.put("playbooks", content.playbooks().size());
        counts.put("snippets", content.snippets().size());
        counts.put("examples", content.examples().size());
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("service", "Memorylayer");
        manifest.put("version", content.version());
        manifest.put("api_version", "v1");
        manifest.put("counts", counts);
        manifest.put("routes", content.routes());
        return manifest;
    }
}
