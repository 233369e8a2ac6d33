package com.memorylayer.gateway.starter;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A starter skill: markdown opening with a front matter of {@code name} and {@code description}, the shape Claude's
 * skills take, so the file can be saved as a skill as it is served; its title is its first {@code # } heading.
 */
public record StarterSkill(String name, String title, String description, String markdown) {

    public StarterSkill {
        for (Map.Entry<String, String> field : Map.of("name", name == null ? "" : name, "title", title == null ? "" : title,
                "description", description == null ? "" : description).entrySet()) {
            if (field.getValue().isBlank()) {
                throw new IllegalArgumentException("a starter skill needs a " + field.getKey() + " (the title is its first # heading)");
            }
        }
    }

    /** Where it is served as JSON; with {@code .md} appended, as markdown. */
    public String path() {
        return "/v1/skills/" + name;
    }

    /** @throws IllegalArgumentException naming the file when its front matter is missing or incomplete */
    static StarterSkill parse(String file, String markdown) {
        String text = markdown.replace("\r\n", "\n");
        if (!text.startsWith("---\n") || text.indexOf("\n---\n", 3) < 0) {
            throw new IllegalArgumentException(file + " does not open with a --- front matter ---");
        }
        Map<String, String> front = new LinkedHashMap<>();
        for (String line : text.substring(4, text.indexOf("\n---\n", 3)).split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                front.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
            }
        }
        String title = text.lines().filter(line -> line.startsWith("# ")).findFirst().map(line -> line.substring(2).strip()).orElse(null);
        try {
            return new StarterSkill(front.get("name"), title, front.get("description"), text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }
}
