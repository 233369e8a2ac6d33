package com.memorylayer.ingest.curation;

import com.memorylayer.schemas.memory.WriteOutcome;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Finds near-duplicate pairs among a workspace's live memories ({@link DuplicateFinder}) and merges them, most
 * similar first, each pair once: a memory already merged away in this pass is not merged again.
 */
class DedupeHandler {

    private final DuplicateFinder duplicates;
    private final MemoryMerge merge;

    DedupeHandler(DuplicateFinder duplicates, MemoryMerge merge) {
        this.duplicates = duplicates;
        this.merge = merge;
    }

    /** One pass; also consolidation's merge step. */
    Applied apply(WorkspaceTx tx, double threshold, int maxMerges, int scanLimit, boolean dryRun) {
        List<DuplicateFinder.Pair> pairs = duplicates.pairs(tx, threshold, scanLimit);
        Set<UUID> touched = new HashSet<>();
        List<Map<String, Object>> merges = new ArrayList<>();
        List<Applied.ChangedMemory> changes = new ArrayList<>();
        for (DuplicateFinder.Pair pair : pairs) {
            if (merges.size() >= maxMerges) {
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
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("kept", keeper.toString());
            one.put("merged", loser.toString());
            one.put("similarity", Math.round(pair.similarity() * 1000) / 1000.0);
            merges.add(one);
            if (!dryRun) {
                long[] seqs = merge.merge(tx, keeper, loser, pair.similarity());
                changes.add(new Applied.ChangedMemory(keeper, "merged", WriteOutcome.UPDATED.wire(), seqs[0]));
                changes.add(new Applied.ChangedMemory(loser, "status", WriteOutcome.UPDATED.wire(), seqs[1]));
            }
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("pairs_found", pairs.size());
        result.put(dryRun ? "would_merge" : "merged", merges);
        result.put("dry_run", dryRun);
        return new Applied(WriteOutcome.UPDATED, null, result, changes, null);
    }
}
