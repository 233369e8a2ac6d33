package com.memorylayer.gateway.ingest;

import com.memorylayer.schemas.jooq.workspace_template.tables.records.IngestRunsRecord;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run as the API shows it. Its status is read from its counters, never stored, so it cannot drift from them:
 * {@code open} while it takes items; once closed, {@code running} until every accepted item came to an outcome, then
 * {@code completed}, {@code completed_with_errors} (some rejected) or {@code failed} (all rejected).
 */
final class RunView {

    private RunView() {
    }

    static Map<String, Object> of(IngestRunsRecord run, List<IngestRuns.ItemOutcome> errors, Instant now, Duration idleClose) {
        OffsetDateTime idleAt = run.getAppendedAt().plus(idleClose);
        OffsetDateTime closedAt = run.getClosedAt() != null ? run.getClosedAt() : idleAt.toInstant().isBefore(now) ? idleAt : null;
        long accepted = run.getItemsAccepted();
        long done = run.getItemsApplied() + run.getItemsMerged() + run.getItemsRejected();
        boolean finished = closedAt != null && done >= accepted;
        String status;
        if (closedAt == null) {
            status = "open";
        } else if (!finished) {
            status = "running";
        } else if (run.getItemsRejected() == 0) {
            status = "completed";
        } else if (run.getItemsApplied() + run.getItemsMerged() == 0) {
            status = "failed";
        } else {
            status = "completed_with_errors";
        }
        OffsetDateTime updatedAt = latest(run.getAppendedAt(), run.getAppliedAt(), run.getClosedAt());
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("run_id", run.getId());
        view.put("kind", run.getRunKind());
        view.put("source_name", run.getSourceName());
        view.put("source_type", run.getSourceType());
        view.put("status", status);
        view.put("items_accepted", accepted);
        view.put("items_applied", run.getItemsApplied());
        view.put("items_merged", run.getItemsMerged());
        view.put("items_rejected", run.getItemsRejected());
        view.put("progress", accepted == 0 ? (finished ? 1.0 : 0.0) : Math.min(1.0, (double) done / accepted));
        view.put("started_at", run.getStartedAt().toInstant().toString());
        view.put("updated_at", updatedAt.toInstant().toString());
        view.put("closed_at", closedAt == null ? null : closedAt.toInstant().toString());
        view.put("finished_at", finished ? latest(closedAt, run.getAppliedAt()).toInstant().toString() : null);
        Double rate = null;
        if (run.getAppliedAt() != null && done > 0) {
            double seconds = Duration.between(run.getStartedAt(), run.getAppliedAt()).toMillis() / 1000.0;
            rate = seconds <= 0 ? null : Math.round(done / seconds * 10) / 10.0;
        }
        view.put("items_per_second", rate);
        view.put("key_id", run.getActorKeyId());
        view.put("user_id", run.getActorUserId());
        if (errors != null) {
            view.put("errors", errors.stream().map(RunView::error).toList());
        }
        return view;
    }

    static Map<String, Object> item(IngestRuns.ItemOutcome item) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("index", item.index());
        view.put("memory_id", item.memoryId());
        view.put("outcome", item.outcome());
        if (item.code() != null) {
            view.put("code", item.code());
            view.put("message", item.message());
        }
        return view;
    }

    private static Map<String, Object> error(IngestRuns.ItemOutcome item) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("index", item.index());
        view.put("code", item.code());
        view.put("message", item.message());
        return view;
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
