package com.memorylayer.query.ingest;

import com.memorylayer.schemas.api.ErrorCode;
import com.memorylayer.schemas.reads.ingest.IngestRunList;
import com.memorylayer.schemas.reads.ingest.IngestRunView;
import com.memorylayer.schemas.reads.ingest.RunItems;
import com.memorylayer.web.error.ApiException;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A workspace's ingest runs as internal routes. The gateway checks the caller and the public parameters and pages
 * (it asks one run more than it shows); the bounds are checked again here.
 */
@RestController
@RequestMapping("/internal/v1/workspaces/{workspaceId}/ingest/runs")
class IngestRunController {

    /** A page of the gateway's (500) and the one it asks for to know whether there is more. */
    static final int MAX_LIMIT = 501;
    static final int MAX_ERRORS = 500;
    private static final Set<String> OUTCOMES = Set.of("stored", "merged", "rejected");

    private final IngestRunReads reads;
    private final Clock clock;

    IngestRunController(IngestRunReads reads) {
        this.reads = reads;
        this.clock = Clock.systemUTC();
    }

    /**
     * Newest first; after the run of {@code after_time} and {@code after_id} when given. With {@code errors}, each
     * run shows its first that many rejected items (the dashboard's page).
     */
    @GetMapping
    IngestRunList list(@PathVariable UUID workspaceId, @RequestParam int limit,
            @RequestParam(name = "after_time", required = false) Instant afterTime,
            @RequestParam(name = "after_id", required = false) UUID afterId, @RequestParam(required = false) Integer errors) {
        bounded("limit", limit, 1, MAX_LIMIT);
        if ((afterTime == null) != (afterId == null)) {
            throw ApiException.invalidField("after_id", "give after_time and after_id together, or neither");
        }
        return new IngestRunList(reads.list(workspaceId, limit, afterTime, afterId, errors(errors), clock.instant()));
    }

    /** The run with its first {@code errors} rejected items. */
    @GetMapping("/{runId}")
    IngestRunView run(@PathVariable UUID workspaceId, @PathVariable UUID runId, @RequestParam int errors) {
        return reads.run(workspaceId, runId, errors(errors), clock.instant()).orElseThrow(() -> notFound(runId));
    }

    /** Outcomes by index after {@code after} (-1: from the first), of one kind or all. */
    @GetMapping("/{runId}/items")
    RunItems items(@PathVariable UUID workspaceId, @PathVariable UUID runId, @RequestParam(required = false) String outcome,
            @RequestParam(defaultValue = "-1") int after, @RequestParam int limit) {
        if (outcome != null && !OUTCOMES.contains(outcome)) {
            throw ApiException.invalidField("outcome", "outcome must be one of stored, merged, rejected");
        }
        bounded("limit", limit, 1, MAX_LIMIT);
        if (!reads.exists(workspaceId, runId)) {
            throw notFound(runId);
        }
        return new RunItems(reads.items(workspaceId, runId, outcome, after, limit));
    }

    private static Integer errors(Integer errors) {
        return errors == null ? null : bounded("errors", errors, 0, MAX_ERRORS);
    }

    private static int bounded(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw ApiException.invalidField(name, "'" + name + "' must be from " + min + " to " + max);
        }
        return value;
    }

    static ApiException notFound(UUID runId) {
        return new ApiException(ErrorCode.RUN_NOT_FOUND, "no ingest run " + runId + " in this workspace");
    }
}
