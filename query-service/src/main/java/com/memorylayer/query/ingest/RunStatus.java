package com.memorylayer.query.ingest;

import com.memorylayer.schemas.jooq.control.tables.records.IngestRunsRecord;
import com.memorylayer.schemas.reads.ingest.IngestRunView;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A run's view from its ledger row and its items' outcomes. Its status is read from its counters, never stored, so
 * it cannot drift from them: {@code open} while it takes items; once closed (by a call, or at its idle-close time),
 * {@code running} until every accepted item came to an outcome, then {@code completed}, {@code completed_with_errors}
 * (some rejected) or {@code failed} (all rejected).
 */
final class RunStatus {

    private RunStatus() {
    }

    /** What the ingest worker counted of a run, in the workspace's schema. */
    record Outcomes(long applied, long merged, long rejected, OffsetDateTime appliedAt) {
        /** A run none of whose items the worker has reached yet. */
        static final Outcomes NONE = new Outcomes(0, 0, 0, null);
    }

    static IngestRunView view(IngestRunsRecord run, Outcomes outcomes, List<IngestRunView.RunError> errors, Instant now) {
        OffsetDateTime idleAt = run.getIdleCloseAt();
        OffsetDateTime closedAt = run.getClosedAt() != null ? run.getClosedAt() : idleAt.toInstant().isBefore(now) ? idleAt : null;
        long accepted = run.getItemsAccepted();
        long done = outcomes.applied() + outcomes.merged() + outcomes.rejected();
        boolean finished = closedAt != null && done >= accepted;
        String status;
        if (closedAt == null) {
            status = "open";
        } else if (!finished) {
            status = "running";
        } else if (outcomes.rejected() == 0) {
            status = "completed";
        } else if (outcomes.applied() + outcomes.merged() == 0) {
            status = "failed";
        } else {
            status = "completed_with_errors";
        }
        OffsetDateTime updatedAt = latest(run.getAppendedAt(), outcomes.appliedAt(), run.getClosedAt());
        Double rate = null;
        if (outcomes.appliedAt() != null && done > 0) {
            double seconds = Duration.between(run.getStartedAt(), outcomes.appliedAt()).toMillis() / 1000.0;
            rate = seconds <= 0 ? null : Math.round(done / seconds * 10) / 10.0;
        }
        return new IngestRunView(run.getId(), run.getRunKind(), run.getSourceName(), run.getSourceType(), status, accepted,
                outcomes.applied(), outcomes.merged(), outcomes.rejected(),
                accepted == 0 ? (finished ? 1.0 : 0.0) : Math.min(1.0, (double) done / accepted),
                run.getStartedAt().toInstant().toString(), updatedAt.toInstant().toString(),
                closedAt == null ? null : closedAt.toInstant().toString(),
                finished ? latest(closedAt, outcomes.appliedAt()).toInstant().toString() : null,
                rate, run.getActorKeyId(), run.getActorUserId(), errors);
    }

    private static OffsetDateTime latest(OffsetDateTime... times) {
        OffsetDateTime latest = null;
        for (OffsetDateTime time : times) {
            if (time != null && (latest == null || time.isAfter(latest))) {
                latest = time;
            }
        }
        return latest;
    }
}
