package com.memorylayer.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * What a service itself says about how it is run, read from its own files rather than restated here: its settings
 * file ({@code <module>/src/main/resources/<module>.yml} and the shared files it imports) and the "Run it alone"
 * section of its README.
 *
 * @param module the Maven module, which is also the Deployment's name in infra/k8s
 * @param variables every {@code MEMORYLAYER_*} variable the service reads (a placeholder in its settings)
 * @param required what it cannot run without: each entry is a set of alternatives, any one of which will do, with
 *                 the value the README names for it where it names one ({@code MEMORYLAYER_KAFKA_REPLICATION_FACTOR=3})
 * @param servicePort the variable and default of {@code server.port}; empty when the service serves no port of its own
 * @param managementPort the variable and default of {@code management.server.port}
 * @param probesEnabled whether {@code management.endpoint.health.probes.enabled} is true (the liveness and readiness groups)
 * @param exposed the web-exposed actuator endpoints ({@code management.endpoints.web.exposure.include})
 */
record ServiceSettings(String module, Set<String> variables, List<Requirement> required, Optional<Placeholder> servicePort,
        Placeholder managementPort, boolean probesEnabled, Set<String> exposed) {

    static final List<String> MODULES = List.of("gateway", "query-service", "ingest-worker", "audit-sink");
    private static final Path ROOT = Path.of("..");
    private static final Path SHARED_SETTINGS = ROOT.resolve("schemas/src/main/resources");
    /** {@code ${NAME}} or {@code ${NAME:default}}, the default possibly holding further placeholders. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(MEMORYLAYER_[A-Z0-9_]+)(:|})");
    private static final Pattern SINGLE = Pattern.compile("\\$\\{(MEMORYLAYER_[A-Z0-9_]+):([^${}]*)}");
    private static final Pattern NAME_IN_README = Pattern.compile("`(MEMORYLAYER_[A-Z0-9_]+)(?:=([^`]*))?`");

    /** A setting's environment variable and its default. */
    record Placeholder(String variable, String defaultValue) {
    }

    /** One thing a service needs: any of {@code alternatives}, with {@code value} where the README names one. */
    record Requirement(Set<String> alternatives, Optional<String> value) {
    }

    static List<ServiceSettings> all() {
        return MODULES.stream().map(ServiceSettings::of).toList();
    }

    static ServiceSettings of(String module) {
        Path settingsFile = ROOT.resolve(module).resolve("src/main/resources").resolve(module + ".yml");
        String text = read(settingsFile);
        JsonNode settings = Manifests.YAML.readTree(text);
        Set<String> variables = new LinkedHashSet<>();
        List<String> withoutDefault = new ArrayList<>();
        collectPlaceholders(text, variables, withoutDefault);
        for (String imported : settings.path("spring").path("config").path("import").asString("").split(",")) {
            if (imported.startsWith("classpath:")) {
                collectPlaceholders(read(SHARED_SETTINGS.resolve(imported.substring("classpath:".length()).strip())),
                        variables, withoutDefault);
            }
        }
        List<Requirement> required = new ArrayList<>(readmeNeeds(module));
        for (String variable : withoutDefault) {
            if (required.stream().noneMatch(r -> r.alternatives().contains(variable))) {
                required.add(new Requirement(Set.of(variable), Optional.empty()));
            }
        }
        JsonNode management = settings.path("management");
        return new ServiceSettings(module, variables, required,
                placeholder(settings.path("server").path("port").asString("")),
                placeholder(management.path("server").path("port").asString(""))
                        .orElseThrow(() -> new IllegalStateException(module + ".yml sets no management.server.port placeholder")),
                management.path("endpoint").path("health").path("probes").path("enabled").asBoolean(false),
                Set.of(management.path("endpoints").path("web").path("exposure").path("include").asString("").split(",")));
    }

    /** {@code ${MEMORYLAYER_PORT:8080}}: a port the environment may move; a fixed value or -1 is no port of its own. */
    private static Optional<Placeholder> placeholder(String value) {
        Matcher m = SINGLE.matcher(value.strip());
        return m.matches() ? Optional.of(new Placeholder(m.group(1), m.group(2))) : Optional.empty();
    }

    private static void collectPlaceholders(String text, Set<String> variables, List<String> withoutDefault) {
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            variables.add(m.group(1));
            if (m.group(2).equals("}")) {
                withoutDefault.add(m.group(1));
            }
        }
    }

    /**
     * The README's "Run it alone" → "**needs**" bullet: each backticked variable, where {@code `A` / `B`} and
     * {@code `A` (or `B`)} are alternatives of one need.
     */
    static List<Requirement> readmeNeeds(String module) {
        String readme = read(ROOT.resolve(module).resolve("README.md"));
        int section = readme.indexOf("## Run it alone");
        int needs = readme.indexOf("- **needs**", section);
        if (section < 0 || needs < 0) {
            throw new IllegalStateException(module + "/README.md has no \"Run it alone\" section with a **needs** bullet");
        }
        int end = readme.indexOf("\n- **", needs + 1);
        String bullet = readme.substring(needs, end < 0 ? readme.length() : end);
        List<Requirement> requirements = new ArrayList<>();
        Matcher m = NAME_IN_README.matcher(bullet);
        int previousEnd = -1;
        Map<String, Optional<String>> group = new LinkedHashMap<>();
        while (m.find()) {
            String between = previousEnd < 0 ? "" : bullet.substring(previousEnd, m.start());
            boolean alternative = between.strip().equals("/") || between.strip().equals("(or");
            if (!alternative && !group.isEmpty()) {
                requirements.add(requirement(group));
                group = new LinkedHashMap<>();
            }
            group.put(m.group(1), Optional.ofNullable(m.group(2)));
            previousEnd = m.end();
        }
        if (!group.isEmpty()) {
            requirements.add(requirement(group));
        }
        return requirements;
    }

    private static Requirement requirement(Map<String, Optional<String>> group) {
        Optional<String> value = group.values().stream().flatMap(Optional::stream).findFirst();
        return new Requirement(Set.copyOf(group.keySet()), value);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
