package com.memorylayer.gateway.starter;

import com.memorylayer.schemas.api.ErrorCode;
import com.memorylayer.web.error.ApiException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The starter content, public: what an agent or a person reads before they hold a key. Each answer carries the
 * content's {@code version}.
 */
@RestController
public class StarterController {

    static final MediaType MARKDOWN = MediaType.parseMediaType("text/markdown;charset=UTF-8");

    private final StarterContent content;

    StarterController(StarterContent content) {
        this.content = content;
    }

    /** The starter skills: name, title, description and where to read each as JSON and as markdown. */
    @GetMapping("/v1/skills")
    public Map<String, Object> skills() {
        return versioned("skills", content.skills().stream().map(StarterController::listed).toList());
    }

    /** One starter skill, its markdown included. */
    @GetMapping("/v1/skills/{name}")
    public Map<String, Object> skill(@PathVariable String name) {
        StarterSkill skill = named(name);
        Map<String, Object> answer = listed(skill);
        answer.put("version", content.version());
        answer.put("markdown", skill.markdown());
        return answer;
    }

    /** One starter skill as markdown with its front matter, ready to save as a skill file. */
    @GetMapping("/v1/skills/{name}.md")
    public ResponseEntity<String> skillMarkdown(@PathVariable String name) {
        return ResponseEntity.ok().contentType(MARKDOWN).body(named(name).markdown());
    }

    /** Sequences of tool calls for common jobs, each step with its arguments and why it is there. */
    @GetMapping("/v1/playbooks")
    public Map<String, Object> playbooks() {
        return versioned("playbooks", content.playbooks());
    }

    /** Client code (curl, Python, TypeScript, Java, bootstrap, batch ingest) reading the key from the environment. */
    @GetMapping("/v1/sdk-snippets")
    public Map<String, Object> snippets() {
        return versioned("snippets", content.snippets());
    }

    /** Documented requests and their answers, sorted by name. */
    @GetMapping("/v1/examples")
    public Map<String, Object> examples() {
        return versioned("examples", content.examples());
    }

    private StarterSkill named(String name) {
        return content.skill(name).orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND,
                "no starter skill of that name; GET /v1/skills lists them"));
    }

    private Map<String, Object> versioned(String name, List<?> items) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("version", content.version());
        answer.put(name, items);
        return answer;
    }

    /** A skill's name, title, description and URLs, on the address the caller used. */
    static Map<String, Object> listed(StarterSkill skill) {
        String url = ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString() + skill.path();
        Map<String, Object> listed = new LinkedHashMap<>();
        listed.put("name", skill.name());
        listed.put("title", skill.title());
        listed.put("description", skill.description());
        listed.put("url", url);
        listed.put("markdown_url", url + ".md");
        return listed;
    }
}
