package com.memorylayer.query.recall;

import static com.memorylayer.schemas.jooq.workspace_template.Tables.MEMORIES;

import com.memorylayer.query.filter.MemoryFacts;
import com.memorylayer.query.filter.SelectionMatcher;
import com.memorylayer.query.runtime.WorkspaceRuntime;
import com.memorylayer.query.runtime.WorkspaceRuntimeCache;
import com.memorylayer.retrieval.embedding.TextEmbedder;
import com.memorylayer.retrieval.embedding.VectorCodec;
import com.memorylayer.retrieval.search.ScoredId;
import com.memorylayer.schemas.db.WorkspaceDsl;
import com.memorylayer.schemas.db.WorkspaceSchemaName;
import com.memorylayer.schemas.memory.MemoryLayer;
import com.memorylayer.schemas.memory.MemorySelection;
import com.memorylayer.schemas.memory.MemoryType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.jooq.Record;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code recall/skills}: whether procedures are worth putting in an agent's prompt for a task, and which (at most
 * {@code max_skills}), after the engine's skill selection (SkillsBench: two or three focused procedures help, more or
 * loosely related ones hurt). All similarities are the dense channel's cosines between the query and memory vectors
 * (bge-small, where any two English texts score about 0.5, hence relative thresholds). Within the request's filters:
 *
 * <ol>
 *   <li><b>task novelty</b>: the query's surprise, sigmoid(10 · (d − 0.35)) of the mean cosine distance d to its 5
 *       nearest memories (1 in an empty workspace);
 *   <li><b>domain coverage</b>: over the 10 procedural or semantic memories nearest the query, how many score above
 *       the median plus half the gap from the median to the best, over 3, at most 1 (with fewer than 3 such memories,
 *       their number over 3);
 *   <li><b>inject score</b> = 0.6 · coverage + 0.3 · novelty, + 0.15 when both exceed 0.3; with an inject score below
 *       0.3 and coverage below 0.2 nothing is injected;
 *   <li><b>candidates</b>: the 3 · {@code max_skills} procedures nearest the query (type {@code procedure} or layer
 *       {@code procedural}; semantic memories when there are none), kept when they score at least max(0.3, lowest +
 *       0.7 · range) (0.3 with fewer than 3), at most {@code max_skills}, one of any two at cosine 0.85 or more;
 *   <li><b>confidence</b> = 0.3 · inject + 0.3 · mean relevance + 0.4 · clamp((mean relevance − 0.55) / 0.15, 0, 1);
 *       below 0.5 nothing is injected.
 * </ol>
 *
 * Unlike the engine it records no access (nothing here is a recall a person asked for) and so cannot skip procedures
 * accessed in the last minute; an invalidated procedure is left out by the default statuses rather than a metadata
 * flag. When nothing is to be injected, {@code skills} is empty, so a client that injects whatever comes back cannot
 * inject a marginal procedure.
 */
@Component
class SkillSelection {

    private static final JsonMapper METADATA = JsonMapper.builder().build();

    static final int DEFAULT_MAX_SKILLS = 3;
    static final int MAX_MAX_SKILLS = 10;
    static final int NOVELTY_NEIGHBOURS = 5;
    static final int COVERAGE_NEIGHBOURS = 10;
    static final double MIN_RELEVANCE = 0.3;
    static final double DUPLICATE_COSINE = 0.85;
    static final double MIN_CONFIDENCE = 0.5;

    private final WorkspaceRuntimeCache runtimes;
    private final TextEmbedder embedder;
    private final WorkspaceDsl workspaces;
    private final OwnerRecallSlots ownerSlots;

    SkillSelection(WorkspaceRuntimeCache runtimes, TextEmbedder embedder, WorkspaceDsl workspaces, OwnerRecallSlots ownerSlots) {
        this.runtimes = runtimes;
        this.embedder = embedder;
        this.workspaces = workspaces;
        this.ownerSlots = ownerSlots;
    }

    /**
     * A chosen procedure, with where it came from: a client puts {@code content} in a prompt as an instruction, so it
     * must be able to tell a procedure someone wrote ({@code origin.derived_by} null) from one derived from plain text.
     */
    record Skill(UUID id, String content, double score, Origin origin) {
    }

    /**
     * @param source      the memory's source ({@code api}, {@code mcp:<tool>}, {@code ingest:<run>}, {@code import:<run>})
     * @param derivedBy   what derived it ({@code extract_patterns}), or null for a memory written as it is
     * @param derivedFrom the ids of the memories it was derived from; empty when not derived
     */
    record Origin(String source, String derivedBy, List<String> derivedFrom) {
    }

    record Answer(String query, boolean shouldInject, double confidence, double taskNovelty, double domainCoverage, String reason,
            List<Skill> skills, long tookMs) {
    }

    Answer select(UUID workspaceId, String query, MemorySelection filters, int maxSkills) {
        long started = System.nanoTime();
        try (WorkspaceRuntimeCache.Lease lease = runtimes.lease(workspaceId);
                OwnerRecallSlots.Slot slot = ownerSlots.take(lease.owner())) {
            lease.refresh();
            WorkspaceRuntime runtime = lease.runtime();
            float[] vector = embedder.embedQuery(query);
            Decision decision = decide(workspaceId, runtime, vector, filters, maxSkills);
            return new Answer(query, decision.inject(), decision.confidence(), decision.novelty(), decision.coverage(),
                    decision.reason(), decision.inject() ? decision.skills() : List.of(), (System.nanoTime() - started) / 1_000_000);
        }
    }

    private record Decision(boolean inject, double confidence, double novelty, double coverage, String reason, List<Skill> skills) {
    }

    private Decision decide(UUID workspaceId, WorkspaceRuntime runtime, float[] query, MemorySelection filters, int maxSkills) {
        Predicate<MemoryFacts> matching = facts -> facts != null && SelectionMatcher.matches(filters, facts);
        double novelty = novelty(runtime.searchDense(query, NOVELTY_NEIGHBOURS, id -> matching.test(runtime.facts(id))));
        List<ScoredId> known = runtime.searchDense(query, COVERAGE_NEIGHBOURS, id -> {
            MemoryFacts facts = runtime.facts(id);
            return matching.test(facts) && (isProcedure(facts) || facts.layer() == MemoryLayer.SEMANTIC);
        });
        if (known.isEmpty()) {
            return new Decision(false, 0, novelty, 0, "no procedural or semantic memory matches the filters", List.of());
        }
        double coverage = coverage(known);
        double inject = injectScore(coverage, novelty);
        if (inject < 0.3 && coverage < 0.2) {
            return new Decision(false, 1 - inject, novelty, coverage,
                    "little procedural knowledge covers this task; injecting would add tokens without help", List.of());
        }
        int wanted = 3 * maxSkills;
        List<ScoredId> candidates = runtime.searchDense(query, wanted, id -> matching.test(runtime.facts(id)) && isProcedure(runtime.facts(id)));
        if (candidates.isEmpty()) {
            candidates = runtime.searchDense(query, wanted, id -> matching.test(runtime.facts(id))
                    && runtime.facts(id).layer() == MemoryLayer.SEMANTIC);
        }
        List<Skill> skills = distinct(workspaceId, relevant(candidates, maxSkills), filters);
        if (skills.isEmpty()) {
            return new Decision(false, 0.5, novelty, coverage, "no procedure is relevant enough", List.of());
        }
        double relevance = skills.stream().mapToDouble(Skill::score).average().orElseThrow();
        double confidence = confidence(inject, relevance);
        if (confidence < MIN_CONFIDENCE) {
            return new Decision(false, confidence, novelty, coverage, String.format(Locale.ROOT,
                    "confidence %.2f is below %.2f: procedures exist but are only loosely related", confidence, MIN_CONFIDENCE), skills);
        }
        List<String> why = new ArrayList<>();
        if (novelty > 0.5) {
            why.add("unfamiliar task");
        }
        why.add(skills.size() + (skills.size() == 1 ? " relevant procedure" : " relevant procedures"));
        why.add(String.format(Locale.ROOT, "confidence %.2f", confidence));
        return new Decision(true, confidence, novelty, coverage, String.join("; ", why), skills);
    }

    private static boolean isProcedure(MemoryFacts facts) {
        return facts.memoryType() == MemoryType.PROCEDURE || facts.layer() == MemoryLayer.PROCEDURAL;
    }

    /** The query's surprise: high when even its nearest memories are far from it. */
    static double novelty(List<ScoredId> nearest) {
        if (nearest.isEmpty()) {
            return 1;
        }
        double distance = nearest.stream().mapToDouble(hit -> 1 - hit.score()).average().orElseThrow();
        return 1 / (1 + Math.exp(-10 * (distance - 0.35)));
    }

    /** How many procedures stand out from the rest near the query, over 3; nearest first. */
    static double coverage(List<ScoredId> nearest) {
        if (nearest.size() < 3) {
            return Math.min(1, nearest.size() / 3.0);
        }
        double top = nearest.getFirst().score();
        double median = nearest.get(nearest.size() / 2).score();
        double threshold = median + (top - median) * 0.5;
        long relevant = nearest.stream().filter(hit -> hit.score() > threshold).count();
        return Math.min(1, relevant / 3.0);
    }

    static double injectScore(double coverage, double novelty) {
        double score = coverage * 0.6 + novelty * 0.3;
        if (coverage > 0.3 && novelty > 0.3) {
            score += 0.15;
        }
        return Math.min(1, score);
    }

    static double confidence(double inject, double relevance) {
        double quality = Math.clamp((relevance - 0.55) / 0.15, 0.0, 1.0);
        return Math.min(1, inject * 0.3 + relevance * 0.3 + quality * 0.4);
    }

    /** The candidates in the top 30% of their score range (and at least {@link #MIN_RELEVANCE}), best first. */
    static List<ScoredId> relevant(List<ScoredId> candidates, int maxSkills) {
        double threshold = MIN_RELEVANCE;
        if (candidates.size() >= 3) {
            double lowest = candidates.getLast().score();
            threshold = Math.max(MIN_RELEVANCE, lowest + (candidates.getFirst().score() - lowest) * 0.7);
        }
        double keep = threshold;
        return candidates.stream().filter(hit -> hit.score() >= keep).limit(maxSkills).toList();
    }

    /**
     * The chosen procedures' rows, read again with the filters (Postgres has the last word on what still matches),
     * dropping one of any two so alike that the second adds nothing.
     */
    private List<Skill> distinct(UUID workspaceId, List<ScoredId> chosen, MemorySelection filters) {
        if (chosen.isEmpty()) {
            return List.of();
        }
        Map<UUID, ? extends Record> rows = workspaces.in(WorkspaceSchemaName.of(workspaceId))
                .select(MEMORIES.ID, MEMORIES.CONTENT, MEMORIES.EMBEDDING, MEMORIES.SOURCE, MEMORIES.METADATA).from(MEMORIES)
                .where(MEMORIES.ID.in(chosen.stream().map(ScoredId::id).toList())).and(filters.condition())
                .fetchMap(MEMORIES.ID);
        List<Skill> skills = new ArrayList<>();
        List<float[]> kept = new ArrayList<>();
        for (ScoredId hit : chosen) {
            Record row = rows.get(hit.id());
            if (row == null) {
                continue;
            }
            float[] vector = VectorCodec.decode(row.get(MEMORIES.EMBEDDING));
            if (kept.stream().noneMatch(other -> cosine(vector, other) >= DUPLICATE_COSINE)) {
                kept.add(vector);
                skills.add(new Skill(hit.id(), row.get(MEMORIES.CONTENT), hit.score(), origin(row)));
            }
        }
        return skills;
    }

    private static Origin origin(Record row) {
        JsonNode metadata = METADATA.readTree(row.get(MEMORIES.METADATA).data());
        JsonNode by = metadata.path("derived_by");
        List<String> from = new ArrayList<>();
        JsonNode sources = metadata.path("derived_from");
        if (sources.isArray()) {
            sources.forEach(id -> from.add(id.asString()));
        } else if (sources.isString()) {
            from.add(sources.asString());
        }
        return new Origin(row.get(MEMORIES.SOURCE), by.isString() ? by.asString() : null, List.copyOf(from));
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }
}
