package com.memorylayer.gateway.starter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The starter content served to anyone: skills, playbooks, SDK snippets and API examples, read once from the files
 * under {@code starter/} on the classpath ({@code gateway/src/main/resources/starter}, and {@code examples/api} copied
 * to {@code starter/examples} by the build). A file that does not parse stops the gateway at start, so broken content
 * is never served; {@code StarterContentTest} checks that what it names exists.
 */
@Component
public class StarterContent {

    private static final String ROOT = "starter/";
    /** Strict: a misspelt field in a content file is an error, not a silently empty value. */
    private static final JsonMapper JSON = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    /** An entry of {@code sdk-snippets.json}: the snippet without its code, which is in {@code snippets/<file>}. */
    private record SnippetEntry(String name, String language, String title, String file, List<String> tools, List<String> routes) {
    }

    private record Manifest(String version, Map<String, Map<String, String>> routes) {
    }

    private final ResourcePatternResolver resources = new PathMatchingResourcePatternResolver(StarterContent.class.getClassLoader());
    private final Manifest manifest;
    private final Map<String, StarterSkill> skills = new LinkedHashMap<>();
    private final List<Playbook> playbooks;
    private final List<SdkSnippet> snippets;
    private final List<ApiExample> examples;

    StarterContent() {
        manifest = read("manifest.json", new TypeReference<>() { });
        for (Resource file : files("skills/*.md")) {
            StarterSkill skill = StarterSkill.parse(file.getFilename(), text(file));
            if (!file.getFilename().equals(skill.name() + ".md")) {
                throw new IllegalStateException("the skill in " + file.getFilename() + " is named " + skill.name());
            }
            skills.put(skill.name(), skill);
        }
        playbooks = read("playbooks.json", new TypeReference<>() { });
        List<SnippetEntry> entries = read("sdk-snippets.json", new TypeReference<>() { });
        snippets = entries.stream().map(e -> new SdkSnippet(e.name(), e.language(), e.title(), e.tools(), e.routes(),
                text(resources.getResource("classpath:" + ROOT + "snippets/" + e.file())))).toList();
        examples = files("examples/*.json").stream().map(file -> new ApiExample(file.getFilename().replaceFirst("\\.json$", ""),
                parse(file))).toList();
    }

    /** The content's version: bumped whenever a skill, playbook or snippet changes. */
    public String version() {
        return manifest.version();
    }

    /** Route templates ({@code "GET /v1/…"}) by name: {@code public} ones and {@code workspace} ones. */
    public Map<String, Map<String, String>> routes() {
        return manifest.routes();
    }

    public List<StarterSkill> skills() {
        return List.copyOf(skills.values());
    }

    public Optional<StarterSkill> skill(String name) {
        return Optional.ofNullable(skills.get(name));
    }

    public List<Playbook> playbooks() {
        return playbooks;
    }

    public List<SdkSnippet> snippets() {
        return snippets;
    }

    /** Sorted by file name. */
    public List<ApiExample> examples() {
        return examples;
    }

    private <T> T read(String file, TypeReference<T> type) {
        Resource resource = resources.getResource("classpath:" + ROOT + file);
        try {
            return JSON.readValue(text(resource), type);
        } catch (JacksonException | IllegalArgumentException e) {
            throw new IllegalStateException("starter content " + file + " does not parse: " + e.getMessage(), e);
        }
    }

    private JsonNode parse(Resource file) {
        try {
            return JSON.readTree(text(file));
        } catch (JacksonException e) {
            throw new IllegalStateException("the example " + file.getFilename() + " is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private List<Resource> files(String pattern) {
        try {
            return Arrays.stream(resources.getResources("classpath*:" + ROOT + pattern))
                    .sorted(Comparator.comparing(Resource::getFilename)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list starter content " + pattern, e);
        }
    }

    private static String text(Resource resource) {
        try (var in = resource.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read starter content " + resource.getDescription(), e);
        }
    }
}
