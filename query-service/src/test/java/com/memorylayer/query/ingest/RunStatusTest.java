package com.memorylayer.query.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.memorylayer.schemas.jooq.control.tables.records.IngestRunsRecord;
import com.memorylayer.schemas.reads.ingest.IngestRunView;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A run's status, progress and times, read from its counters alone. */
class RunStatusTest {

    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    private static final Duration IDLE = Duration.ofMinutes(10);

    /** A run's ledger row (as the gateway keeps it) and what the worker counted of its items. */
    private record Run(IngestRunsRecord ledger, RunStatus.Outcomes outcomes) {
    }

    private static Run run(long accepted, long applied, long merged, long rejected, Duration appendedAgo,
            Duration closedAgo, Duration appliedAgo) {
        OffsetDateTime now = NOW.atOffset(ZoneOffset.UTC);
        IngestRunsRecord run = new IngestRunsRecord();
        run.setId(UUID.randomUUID());
        run.setRunKind("ingest");
        run.setItemsAccepted(accepted);
        run.setStartedAt(now.minusMinutes(30));
        run.setAppendedAt(now.minus(appendedAgo));
        // As the gateway sets it on every append: appended + its run-idle-close.
        run.setIdleCloseAt(now.minus(appendedAgo).plus(IDLE));
        run.setClosedAt(closedAgo == null ? null : now.minus(closedAgo));
        return new Run(run, new RunStatus.Outcomes(applied, merged, rejected, appliedAgo == null ? null : now.minus(appliedAgo)));
    }

    /** The view as the API writes it: its fields by their JSON names. */
    private static Map<String, Object> view(Run run) {
        IngestRunView view = RunStatus.view(run.ledger(), run.outcomes(), List.of(), NOW);
        Map<String, Object> fields = new java.util.HashMap<>();
        fields.put("status", view.status());
        fields.put("progress", view.progress());
        fields.put("closed_at", view.closedAt());
        fields.put("finished_at", view.finishedAt());
        fields.put("items_per_second", view.itemsPerSecond());
        return fields;
    }

    @Test
    void aRunIsOpenUntilClosedOrIdleThenRunningUntilEveryItemCameToAnOutcome() {
        Map<String, Object> open = view(run(10, 10, 0, 0, Duration.ofMinutes(1), null, Duration.ofSeconds(5)));
        assertThat(open.get("status")).isEqualTo("open");
        assertThat(open.get("progress")).isEqualTo(1.0);
        assertThat(open.get("finished_at")).isNull();

        Map<String, Object> running = view(run(10, 4, 0, 0, Duration.ofMinutes(1), Duration.ofSeconds(30), Duration.ofSeconds(1)));
        assertThat(running.get("status")).isEqualTo("running");
        assertThat(running.get("progress")).isEqualTo(0.4);

        // Nothing came in for longer than the idle setting: closed at appended + idle, without anyone closing it.
        Map<String, Object> idle = view(run(3, 3, 0, 0, Duration.ofMinutes(11), null, Duration.ofMinutes(10)));
        assertThat(idle.get("status")).isEqualTo("completed");
        assertThat(idle.get("closed_at")).isEqualTo(NOW.minus(Duration.ofMinutes(1)).toString());
        assertThat(idle.get("finished_at")).isEqualTo(NOW.minus(Duration.ofMinutes(1)).toString());
    }

    @Test
    void aFinishedRunSaysWhetherAnythingWasRejected() {
        assertThat(view(run(5, 3, 2, 0, Duration.ofMinutes(2), Duration.ofMinutes(1), Duration.ofSeconds(10))).get("status"))
                .isEqualTo("completed");
        Map<String, Object> withErrors = view(run(5, 3, 0, 2, Duration.ofMinutes(2), Duration.ofMinutes(1), Duration.ofSeconds(10)));
        assertThat(withErrors.get("status")).isEqualTo("completed_with_errors");
        // Finished when the last item came to an outcome, after the close.
        assertThat(withErrors.get("finished_at")).isEqualTo(NOW.minusSeconds(10).toString());
        assertThat(view(run(5, 0, 0, 5, Duration.ofMinutes(2), Duration.ofMinutes(1), Duration.ofSeconds(10))).get("status"))
                .isEqualTo("failed");
        // An empty closed run (its only request never reached the log) is complete, with nothing in it.
        Map<String, Object> empty = view(run(0, 0, 0, 0, Duration.ofMinutes(2), Duration.ofMinutes(1), null));
        assertThat(empty.get("status")).isEqualTo("completed");
        assertThat(empty.get("progress")).isEqualTo(1.0);
        assertThat(empty.get("items_per_second")).isNull();
    }

    @Test
    void theRateIsItemsDoneOverTheTimeFromStartToTheLastOutcome() {
        // 30 minutes from start to the last outcome, 900 items: 0.5 a second.
        Map<String, Object> view = view(run(900, 900, 0, 0, Duration.ofMinutes(5), Duration.ofMinutes(4), Duration.ZERO));
        assertThat(view.get("items_per_second")).isEqualTo(0.5);
    }
}
