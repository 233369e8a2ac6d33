package com.memorylayer.ingest.curation;

import com.memorylayer.schemas.memory.WriteOutcome;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What applying one command came to: its outcome (recorded with the command, so a client can ask for it), the
 * memory it is about, a result for the commands that report one (dry runs, batches, dedupe, consolidation), and
 * the memories it changed, each to be announced on {@code memorylayer.memory.changes}.
 *
 * @param memoryId the memory the outcome is about (a remember's new id, also when it was merged away), or null
 * @param stored   for a remember: the memory as stored or merged; null otherwise
 */
public record Applied(WriteOutcome outcome, UUID memoryId, Map<String, Object> result, List<ChangedMemory> changes,
        StoredMemory stored) {

    public Applied {
        changes = List.copyOf(changes);
    }

    public static Applied rejected(UUID memoryId, String reason) {
        return new Applied(WriteOutcome.rejected(reason), memoryId, null, List.of(), null);
    }

    public static Applied changed(UUID memoryId, String change, long changeSeq) {
        return new Applied(WriteOutcome.UPDATED, memoryId, null,
                List.of(new ChangedMemory(memoryId, change, WriteOutcome.UPDATED.wire(), changeSeq)), null);
    }

    /** One memory a command changed. */
    public record ChangedMemory(UUID memoryId, String change, String outcome, long changeSeq) {
    }

    /** A remember's memory as stored, or as merged into another ({@code outcome} says which). */
    public record StoredMemory(UUID memoryId, long changeSeq, boolean created, String outcome) {
    }
}
