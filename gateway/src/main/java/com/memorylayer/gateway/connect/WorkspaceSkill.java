package com.memorylayer.gateway.connect;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * A workspace's own skill for Claude ({@code memorylayer-<slug>}): when to resume, recall, remember and checkpoint,
 * with the workspace's URLs. The text is {@code connect/claude-skill.md}; only URLs and the slug are put in it, so no
 * free text of anyone's can break its front matter.
 */
@Component
class WorkspaceSkill {

    private final String template;

    WorkspaceSkill() {
        try (var in = new ClassPathResource("connect/claude-skill.md").getInputStream()) {
            template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("the workspace skill's template is missing", e);
        }
    }

    String render(WorkspaceUrls urls) {
        String text = template;
        for (Map.Entry<String, String> value : Map.of("slug", urls.slug(), "mcp_url", urls.mcp(), "api_url", urls.api(),
                "bootstrap_url", urls.at("/bootstrap"), "connect_url", urls.at("/connect")).entrySet()) {
            text = text.replace("{{" + value.getKey() + "}}", value.getValue());
        }
        return text;
    }
}
