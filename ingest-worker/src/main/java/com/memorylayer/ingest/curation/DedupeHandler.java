package com.memorylayer.ingest.curation;

import static com.memorylayer.schemas.jooq.workspace_template.Tables.MEMORIES;

import com.memorylayer.schemas.memory.MemoryStatus;
import com.memorylayer.schemas.memory.WriteOutcome;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Finds near-duplicate pairs among a workspace's live memories ({@link DuplicateFinder}) and merges them, most
 * similar first, each pair once: a memory already merged away in this pass is not merged again.
 *
 * <p>A pass compares at most {@link MaintenanceTx#maxComparedMemories()} memories (the most recent), each with each,
 * without the workspace's write lock; then merges in transactions of {@link MaintenanceTx#rowsPerTransaction()}
 * merges. A pair whose memories changed between the comparison and its merge (a newer version, or no longer live)
 * is skipped and counted, not merged on what it said before. Past its time bound a pass stops between two
 * transactions, keeps what it merged, and says it is not complete; running it again continues.
 */
class DedupeHandler {

    private static final Set<String> LIVE = Set.copyOf(MemoryStatus.RECALLED_BY_DEFAULT.stream().map(MemoryStatus::wire).toList());

    private final DuplicateFinder duplicates;
    private final MemoryMerge merge;

    DedupeHandler(DuplicateFinder duplicates, MemoryMerge merge) {
        this.duplicates = duplicates;
        this.merge = merge;
    }

    /** A merge chosen from what the comparison read, with the versions it read. */
    private record Planned(UUID keeper, UUID loser, double similarity, int keeperVersion, int loserVersion) {
    }

    /** One pass; also consolidation's merge step. */
    Applied apply(MaintenanceTx m, int maxMerges, int scanLimit, boolean dryRun) {
        int compared = Math.min(scanLimit, m.maxComparedMemories());
        m.progress("comparing", 0, null);
        List<DuplicateFinder.Pair> pairs = m.read(tx -> duplicates.pairs(tx, compared));
        List<Planned> plan = m.read(tx -> plan(tx, pairs, maxMerges));
        List<Map<String, Object>> merges = new ArrayList<>();
        List<Applied.ChangedMemory> changes = new ArrayList<>();
        int[] skipped = {0};
        boolean complete = true;
        if (dryRun) {
            plan.forEach(p -> merges.add(summary(p)));
        } else {
            m.progress("merging", 0, (long) plan.size());
            for (int from = 0; from < plan.size(); from += m.rowsPerTransaction()) {
                if (m.timeUp()) {
                    complete = false;
                    break;
                }
                List<Planned> chunk = plan.subList(from, Math.min(plan.size(), from + m.rowsPerTransaction()));
                changes.addAll(m.write(tx -> {
                    List<Applied.ChangedMemory> changed = new ArrayList<>();
                    for (Planned p : chunk) {
                        if (!unchanged(tx, p)) {
                            skipped[0]++;
                            continue;
                        }
                        long[] seqs = merge.merge(tx, p.keeper(), p.loser(), p.similarity());
                        changed.add(new Applied.ChangedMemory(p.keeper(), "merged", WriteOutcome.UPDATED.wire(), seqs[0]));
                        changed.add(new Applied.ChangedMemory(p.loser(), "status", WriteOutcome.UPDATED.wire(), seqs[1]));
                        merges.add(summary(p));
                    }
                    return changed;
                }));
                m.progress("merging", Math.min(plan.size(), from + chunk.size()), (long) plan.size());
            }
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("pairs_found", pairs.size());
        result.put(dryRun ? "would_merge" : "merged", merges);
        result.put("dry_run", dryRun);
        result.put("compared_at_most", compared);
        if (!dryRun) {
            result.put("skipped_changed", skipped[0]);
        }
        result.put("complete", complete);
        return new Applied(WriteOutcome.UPDATED, null, result, changes, null);
    }

    /** Most similar first, each memory in one merge at most, up to {@code maxMerges}; the keeper as {@link MemoryMerge} says. */
    private List<Planned> plan(WorkspaceTx tx, List<DuplicateFinder.Pair> pairs, int maxMerges) {
        Set<UUID> touched = new HashSet<>();
        List<Planned> plan = new ArrayList<>();
        for (DuplicateFinder.Pair pair : pairs) {
            if (plan.size() >= maxMerges) {
                break;
            }
            if (touched.contains(pair.first()) || touched.contains(pair.second())) {
                continue;
            }
            boolean firstKept = merge.keepsFirst(tx, pair.first(), pair.second());
            UUID keeper = firstKept ? pair.first() : pair.second();
            UUID loser = firstKept ? pair.second() : pair.first();
            touched.add(keeper);
            touched.add(loser);
            plan.add(new Planned(keeper, loser, pair.similarity(), 0, 0));
        }
        Map<UUID, Integer> versions = versions(tx, touched);
        return plan.stream().map(p -> new Planned(p.keeper(), p.loser(), p.similarity(), versions.get(p.keeper()),
                versions.get(p.loser()))).toList();
    }

    /** Both memories still live and at the version the comparison read. */
    private static boolean unchanged(WorkspaceTx tx, Planned p) {
        Map<UUID, Integer> now = new HashMap<>();
        for (var row : tx.dsl().select(MEMORIES.ID, MEMORIES.VERSION, MEMORIES.STATUS).from(MEMORIES)
                .where(MEMORIES.ID.in(p.keeper(), p.loser())).fetch()) {
            if (LIVE.contains(row.get(MEMORIES.STATUS))) {
                now.put(row.get(MEMORIES.ID), row.get(MEMORIES.VERSION));
            }
        }
        return Integer.valueOf(p.keeperVersion()).equals(now.get(p.keeper()))
                && Integer.valueOf(p.loserVersion()).equals(now.get(p.loser()));
    }

    private static Map<UUID, Integer> versions(WorkspaceTx tx, Set<UUID> ids) {
        Map<UUID, Integer> versions = new HashMap<>();
        if (!ids.isEmpty()) {
            tx.dsl().select(MEMORIES.ID, MEMORIES.VERSION).from(MEMORIES).where(MEMORIES.ID.in(ids))
                    .forEach(r -> versions.put(r.value1(), r.value2()));
        }
        return versions;
    }

    private static Map<String, Object> summary(Planned p) {
        Map<String, Object> one = new LinkedHashMap<>();
        one.put("kept", p.keeper().toString());
        one.put("merged", p.loser().toString());
        one.put("similarity", Math.round(p.similarity() * 1000) / 1000.0);
        return one;
    }
}
