package com.memorylayer.schemas.reads.ingest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.UUID;

/**
 * A run as the API shows it. Its status is read from its counters, never stored, so it cannot drift from them:
 * {@code open} while it takes items; once closed (by a call, or idle), {@code running} until every accepted item came
 * to an outcome, then {@code completed}, {@code completed_with_errors} (some rejected) or {@code failed} (all
 * rejected). Times are ISO-8601 instants.
 *
 * @param progress items that came to an outcome over items accepted, 0 to 1
 * @param errors   its first rejected items, by index; absent in a list of runs
 */
public record IngestRunView(UUID runId, String kind, String sourceName, String sourceType, String status, long itemsAccepted,
        long itemsApplied, long itemsMerged, long itemsRejected, double progress, String startedAt, String updatedAt,
        String closedAt, String finishedAt, Double itemsPerSecond, UUID keyId, UUID userId,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<RunError> errors) {

    /** A rejected item: its index in the run and why. */
    public record RunError(int index, String code, String message) {
    }
}
