package com.memorylayer.ingest.curation;

import static com.memorylayer.schemas.jooq.workspace_template.Tables.MEMORIES;

import com.memorylayer.retrieval.embedding.VectorCodec;
import com.memorylayer.schemas.memory.AgentSessions;
import com.memorylayer.schemas.memory.MemoryStatus;
import com.memorylayer.schemas.memory.MemoryType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.Condition;

/**
 * What counts as the same memory said twice. Two memories are duplicates when their embeddings are at least
 * {@code threshold} apart in cosine and they could describe the same thing:
 * <ul>
 * <li>facts and procedures of the same type, anywhere in the workspace: a fact is the same fact whenever it is
 * told;</li>
 * <li>narratives only within one session (memories without a session form one pool): the same words said in two
 * sessions are two events ("thanks!", "see you tomorrow"), and merging them would lose when each happened.</li>
 * </ul>
 * Closeness of embeddings alone is not enough: bge-small puts "stored before the refused ones" and "stored after the
 * refused ones" within 0.92 of each other, and "build 41 failed" next to "build 42 failed". So a duplicate must also
 * say it in nearly the same words (at least {@value #MIN_WORD_OVERLAP} of their distinct words shared, Jaccard) and
 * mention the same numbers (dates, counts, versions, amounts: what embeddings blur most). A merge that should have
 * happened and did not costs a second row; one that should not have happened loses what was said, so the rule leans
 * to keeping. Only live memories (active, challenged) absorb others. Candidates are the most recent
 * {@code scanLimit} of the pool, compared exactly on their float vectors.
 */
public class DuplicateFinder {

    /** The share of distinct words two duplicates must have in common. */
    static final double MIN_WORD_OVERLAP = 0.8;
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
    private static final Pattern NUMBER = Pattern.compile("\\d+(?:[.,:/]\\d+)*");
    private static final List<String> LIVE = MemoryStatus.RECALLED_BY_DEFAULT.stream().map(MemoryStatus::wire).toList();
    /** A saved handoff records one moment of a session; two of them are never the same memory. */
    private static final Condition NOT_A_HANDOFF = MEMORIES.KIND.ne(AgentSessions.HANDOFF_KIND);

    /** A live memory and how close it is. */
    public record Match(UUID id, double similarity) {
    }

    /** A pair of live memories at least the threshold apart, the more similar first when sorted. */
    public record Pair(UUID first, UUID second, double similarity) {
    }

    /** The closest live memory in the pool of a new memory with this type and session, if within the threshold. */
    public Optional<Match> closest(WorkspaceTx tx, MemoryType type, String sessionId, String content, float[] vector,
            double threshold, int scanLimit) {
        Match best = null;
        for (var row : tx.dsl().select(MEMORIES.ID, MEMORIES.CONTENT, MEMORIES.EMBEDDING).from(MEMORIES)
                .where(pool(type, sessionId)).and(MEMORIES.STATUS.in(LIVE)).and(NOT_A_HANDOFF)
                .orderBy(MEMORIES.CREATED_AT.desc()).limit(scanLimit).fetch()) {
            double similarity = dot(vector, VectorCodec.decode(row.get(MEMORIES.EMBEDDING)));
            if (similarity >= threshold && (best == null || similarity > best.similarity())
                    && sameWording(content, row.get(MEMORIES.CONTENT))) {
                best = new Match(row.get(MEMORIES.ID), similarity);
            }
        }
        return Optional.ofNullable(best);
    }

    /** Every duplicate pair among the workspace's most recent {@code scanLimit} live memories, most similar first. */
    public List<Pair> pairs(WorkspaceTx tx, double threshold, int scanLimit) {
        record Candidate(UUID id, String pool, float[] vector, String content) {
        }
        Map<String, List<Candidate>> pools = new HashMap<>();
        for (var row : tx.dsl().select(MEMORIES.ID, MEMORIES.MEMORY_TYPE, MEMORIES.SESSION_ID, MEMORIES.CONTENT, MEMORIES.EMBEDDING)
                .from(MEMORIES).where(MEMORIES.STATUS.in(LIVE)).and(NOT_A_HANDOFF)
                .orderBy(MEMORIES.CREATED_AT.desc()).limit(scanLimit).fetch()) {
            String type = row.get(MEMORIES.MEMORY_TYPE);
            String pool = MemoryType.NARRATIVE.wire().equals(type) ? type + "\u0000" + Objects.toString(row.get(MEMORIES.SESSION_ID), "")
                    : type;
            pools.computeIfAbsent(pool, p -> new ArrayList<>())
                    .add(new Candidate(row.get(MEMORIES.ID), pool, VectorCodec.decode(row.get(MEMORIES.EMBEDDING)),
                            row.get(MEMORIES.CONTENT)));
        }
        List<Pair> pairs = new ArrayList<>();
        for (List<Candidate> pool : pools.values()) {
            for (int i = 0; i < pool.size(); i++) {
                for (int j = i + 1; j < pool.size(); j++) {
                    double similarity = dot(pool.get(i).vector(), pool.get(j).vector());
                    if (similarity >= threshold && sameWording(pool.get(i).content(), pool.get(j).content())) {
                        pairs.add(new Pair(pool.get(i).id(), pool.get(j).id(), similarity));
                    }
                }
            }
        }
        pairs.sort(Comparator.comparingDouble(Pair::similarity).reversed());
        return pairs;
    }

    private static Condition pool(MemoryType type, String sessionId) {
        Condition sameType = MEMORIES.MEMORY_TYPE.eq(type.wire());
        if (type != MemoryType.NARRATIVE) {
            return sameType;
        }
        // "= ?" and "is null" rather than "is not distinct from", which no index serves: that read the whole
        // workspace for every new memory.
        return sameType.and(sessionId == null ? MEMORIES.SESSION_ID.isNull() : MEMORIES.SESSION_ID.eq(sessionId));
    }

    /** Nearly the same words and exactly the same numbers; see the class comment. */
    static boolean sameWording(String a, String b) {
        if (!numbers(a).equals(numbers(b))) {
            return false;
        }
        Set<String> wordsA = words(a);
        Set<String> wordsB = words(b);
        Set<String> union = new HashSet<>(wordsA);
        union.addAll(wordsB);
        if (union.isEmpty()) {
            return true;
        }
        wordsA.retainAll(wordsB);
        return (double) wordsA.size() / union.size() >= MIN_WORD_OVERLAP;
    }

    private static Set<String> words(String text) {
        Set<String> words = new HashSet<>();
        Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (m.find()) {
            words.add(m.group());
        }
        return words;
    }

    /** The numbers a text mentions, sorted: the order they appear in does not make them different numbers. */
    static List<String> numbers(String text) {
        List<String> numbers = new ArrayList<>();
        Matcher m = NUMBER.matcher(text);
        while (m.find()) {
            numbers.add(m.group());
        }
        numbers.sort(null);
        return numbers;
    }

    /** Cosine of two L2-normalised vectors. */
    static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
