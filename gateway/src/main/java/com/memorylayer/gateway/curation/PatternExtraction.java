package com.memorylayer.gateway.curation;

import com.google.re2j.Pattern;
import com.memorylayer.gateway.access.WorkspaceCaller;
import com.memorylayer.gateway.activity.MeteredUnits;
import com.memorylayer.gateway.mcp.ForwardedAnswer;
import com.memorylayer.gateway.mcp.ToolRequests;
import com.memorylayer.gateway.memory.MemoryReads;
import com.memorylayer.gateway.reads.QueryForwarder;
import com.memorylayer.gateway.memory.Remembering;
import com.memorylayer.schemas.memory.MemoryStatus;
import com.memorylayer.schemas.reads.MemoryView;
import com.memorylayer.web.filter.MemorySelectionParser;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The engine's extract_patterns without a language model: the window's memories that read as a decision, a gotcha,
 * a fix, an integration note or a workflow become procedural "pattern" memories when nothing procedural already says
 * them — novelty is 1 minus the cosine of the nearest procedural memory. The words that decide the category are
 * plain markers ("Decision:", "Error:", "never", "deploy"), so a memory that uses none is left alone.
 */
@Component
class PatternExtraction {

    /** The most recent memories of the window that are looked at; the engine reads "the last N hours of activity". */
    static final int SCANNED = 200;
    /** The most patterns one call stores: each waits for its write, and a call must answer in reasonable time. */
    static final int MAX_STORED = 20;
    private static final String PREFIX = "Pattern (%s): ";
    static final String KIND = "pattern";
    /** What a pattern memory's {@code metadata.derived_by} names; {@code metadata.derived_from} lists its sources' ids. */
    static final String DERIVED_BY = "extract_patterns";
    private static final Set<String> NOT_SOURCES = Set.of(KIND, "handoff");
    // RE2/J: linear in a memory's text. java.util.regex's "first … then" rescanned the rest of the text from every
    // "first" (~1 s a memory of 32,000 characters, for each of the 200 memories one call scans).
    private static final List<Map.Entry<String, Pattern>> CATEGORIES = List.of(
            Map.entry("gotcha", Pattern.compile("negative knowledge|gotcha|pitfall|careful|beware|\\bdon't\\b|\\bdo not\\b|\\bnever\\b")),
            Map.entry("debug", Pattern.compile("^error:|\\bbug\\b|\\bfix(ed|es)?\\b|\\bfail(ed|s|ure)?\\b|exception|crash|root cause")),
            Map.entry("decision", Pattern.compile("^decision:|\\bdecided\\b|\\bwe chose\\b|\\bwent with\\b|trade-?off")),
            Map.entry("integration", Pattern.compile("\\bapi\\b|endpoint|webhook|integrat|\\bsdk\\b|oauth|\\bconnect(s|ed|ion)?\\b")),
            Map.entry("workflow", Pattern.compile("\\bsteps?\\b|workflow|\\bdeploy|\\brelease\\b|\\balways\\b|\\bfirst\\b.*\\bthen\\b")));
    private static final Map<String, String> KIND_CATEGORIES = Map.of("decision", "decision", "error", "debug", "mistake", "debug",
            "negative", "gotcha");

    private final MemoryReads reads;
    private final MemorySelectionParser selections;
    private final QueryForwarder recalls;
    private final Remembering remembering;
    private final ObjectMapper mapper;
    private final Clock clock;

    PatternExtraction(MemoryReads reads, MemorySelectionParser selections, QueryForwarder recalls, Remembering remembering,
            ObjectMapper mapper, Clock clock) {
        this.reads = reads;
        this.selections = selections;
        this.recalls = recalls;
        this.remembering = remembering;
        this.mapper = mapper;
        this.clock = clock;
    }

    Map<String, Object> extract(WorkspaceCaller caller, double hours, double noveltyThreshold, boolean dryRun) {
        ObjectNode window = mapper.createObjectNode();
        window.put("created_after", clock.instant().minus(Duration.ofSeconds(Math.round(hours * 3600))).toString());
        window.set("layer", mapper.valueToTree(List.of("working", "episodic", "semantic")));
        List<MemoryView> memories = reads.list(caller.workspace(),
                selections.parse(window, "window").withDefaultStatus(MemoryStatus.RECALLED_BY_DEFAULT), SCANNED, null).memories();
        List<Map<String, Object>> patterns = new ArrayList<>();
        MeteredUnits units = MeteredUnits.of(ToolRequests.current());
        int stored = 0;
        for (MemoryView memory : memories) {
            if (stored >= MAX_STORED) {
                break;
            }
            if (NOT_SOURCES.contains(String.valueOf(memory.kind()))) {
                continue;
            }
            Optional<String> category = category(String.valueOf(memory.kind()), String.valueOf(memory.content()));
            if (category.isEmpty()) {
                continue;
            }
            double novelty = 1 - nearestProcedural(caller, memory.id().toString());
            units.recalls(1);
            if (novelty < noveltyThreshold) {
                continue;
            }
            Map<String, Object> pattern = new LinkedHashMap<>();
            pattern.put("source_memory_id", memory.id());
            pattern.put("category", category.get());
            pattern.put("novelty", Math.round(novelty * 1000) / 1000.0);
            if (!dryRun) {
                pattern.put("memory_id", remembering.remember(caller, patternMemory(memory, category.get())).get("id"));
            }
            patterns.add(pattern);
            stored++;
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("hours", hours);
        answer.put("novelty_threshold", noveltyThreshold);
        answer.put("dry_run", dryRun);
        answer.put("scanned", memories.size());
        answer.put("patterns", patterns);
        answer.put("more", stored >= MAX_STORED);
        return answer;
    }

    static Optional<String> category(String kind, String content) {
        if (KIND_CATEGORIES.containsKey(kind)) {
            return Optional.of(KIND_CATEGORIES.get(kind));
        }
        String text = content.toLowerCase(Locale.ROOT);
        return CATEGORIES.stream().filter(c -> c.getValue().matcher(text).find()).map(Map.Entry::getKey).findFirst();
    }

    /** The cosine of the procedural memory nearest this one, 0 when there is none. */
    private double nearestProcedural(WorkspaceCaller caller, String memoryId) {
        ObjectNode body = mapper.createObjectNode();
        body.put("memory_id", memoryId);
        body.put("limit", 1);
        body.putObject("filters").put("layer", "procedural");
        Map<String, Object> found = ForwardedAnswer.of(recalls.post(caller.workspace().id(), "/recall/similar",
                mapper.writeValueAsBytes(body)), mapper);
        JsonNode results = mapper.valueToTree(found.get("results"));
        return results.isArray() && !results.isEmpty() ? Math.max(0, results.get(0).path("score").asDouble(0)) : 0;
    }

    private ObjectNode patternMemory(MemoryView source, String category) {
        ObjectNode body = mapper.createObjectNode();
        String prefix = PREFIX.formatted(category);
        String content = String.valueOf(source.content());
        // The prefix must not push a source at the length limit over it.
        int room = remembering.maxContentChars() - prefix.length();
        body.put("content", prefix + (content.length() <= room ? content : content.substring(0, room - 1) + "…"));
        body.put("kind", KIND);
        body.put("layer", "procedural");
        body.put("memory_type", "procedure");
        body.put("importance", 0.6);
        body.putArray("tags").add(KIND).add(category);
        // Provenance: get_skills serves procedures as instructions, so it must be able to say this one was not written as
        // one but derived from a memory's plain text; an erasure of the source erases what was derived from it.
        ObjectNode metadata = body.putObject("metadata");
        metadata.putArray("derived_from").add(source.id().toString());
        metadata.put("derived_by", DERIVED_BY);
        metadata.put("category", category);
        return body;
    }
}
