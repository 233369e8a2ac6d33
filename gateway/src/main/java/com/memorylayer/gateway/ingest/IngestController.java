package com.memorylayer.gateway.ingest;

import com.memorylayer.gateway.access.RequiresScope;
import com.memorylayer.gateway.access.Scope;
import com.memorylayer.gateway.access.WorkspaceCaller;
import com.memorylayer.gateway.activity.ListParameters;
import com.memorylayer.gateway.activity.MeteredUnits;
import com.memorylayer.gateway.activity.PageCursor;
import com.memorylayer.schemas.api.ErrorCode;
import com.memorylayer.schemas.jooq.control.tables.records.IngestRunsRecord;
import com.memorylayer.schemas.reads.ingest.IngestRunView;
import com.memorylayer.schemas.reads.ingest.RunItems;
import java.time.Instant;
import com.memorylayer.web.error.ApiException;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Bulk ingestion: runs that take items (or text split into items) and the lines of an export, request by request,
 * each request's items put into the log as one record (all or nothing) and applied by the ingest worker at the
 * embedder's pace; the run's status counts what each item came to.
 */
@RestController
@RequestMapping("/v1/workspaces/{slug}")
public class IngestController {


    static final String NDJSON = "application/x-ndjson";
    private static final Set<String> RUN_LIST_PARAMETERS = Set.of("limit", "cursor");
    private static final Set<String> ITEM_LIST_PARAMETERS = Set.of("outcome", "limit", "cursor");
    private static final Set<String> OUTCOMES = Set.of("stored", "merged", "rejected");

    private final IngestRequestParser parser;
    private final ExportLineParser exportLines;
    private final IngestRuns runs;
    private final RunReads runReads;
    private final IngestIntake intake;
    private final IngestPreview preview;
    private final DiaryImport diaryImport;

    IngestController(IngestRequestParser parser, ExportLineParser exportLines, IngestRuns runs, RunReads runReads,
            IngestIntake intake, IngestPreview preview, DiaryImport diaryImport) {
        this.diaryImport = diaryImport;
        this.parser = parser;
        this.exportLines = exportLines;
        this.runs = runs;
        this.runReads = runReads;
        this.intake = intake;
        this.preview = preview;
    }

    @PostMapping(path = "/ingest", consumes = MediaType.APPLICATION_JSON_VALUE)
    @RequiresScope(Scope.WRITE)
    public ResponseEntity<Map<String, Object>> ingest(@RequestBody JsonNode body, WorkspaceCaller caller, HttpServletRequest request) {
        IngestRequestParser.IngestBody parsed = parser.parse(body);
        UUID runId = UUID.randomUUID();
        return intake.accept(caller, runId, true, "ingest", parsed.sourceName(), parsed.sourceType(), intake.items(parsed, runId, caller),
                MeteredUnits.of(request));
    }

    @PostMapping(path = "/ingest/runs/{runId}/items", consumes = MediaType.APPLICATION_JSON_VALUE)
    @RequiresScope(Scope.WRITE)
    ResponseEntity<Map<String, Object>> append(@PathVariable UUID runId, @RequestBody JsonNode body, WorkspaceCaller caller,
            HttpServletRequest request) {
        IngestRequestParser.IngestBody parsed = parser.parse(body);
        IngestRunsRecord run = runs.get(caller.workspace(), runId);
        return intake.accept(caller, runId, false, "ingest", run.getSourceName(), run.getSourceType(), intake.items(parsed, runId, caller),
                MeteredUnits.of(request));
    }

    @PostMapping(path = "/ingest/runs/{runId}/close")
    @RequiresScope(Scope.WRITE)
    IngestRunView close(@PathVariable UUID runId, WorkspaceCaller caller) {
        runs.close(caller.workspace(), runId);
        return runReads.run(caller.workspace().id(), runId);
    }

    @PostMapping(path = "/ingest/preview", consumes = MediaType.APPLICATION_JSON_VALUE)
    @RequiresScope(Scope.WRITE)
    public Map<String, Object> preview(@RequestBody JsonNode body) {
        return preview.of(parser.parse(body));
    }

    // No "consumes": the media type is checked once the caller is admitted, so no one learns anything unauthenticated.
    @PostMapping(path = "/import")
    @RequiresScope(Scope.WRITE)
    @io.swagger.v3.oas.annotations.parameters.RequestBody(description = "the JSON lines GET /export writes, one memory a line",
            content = @Content(mediaType = NDJSON))
    @Parameter(name = "run_id", in = ParameterIn.QUERY, description = "add these lines to an open import run instead of starting one")
    @Parameter(name = "source_name", in = ParameterIn.QUERY, description = "what the run reads, e.g. the export's file name")
    ResponseEntity<Map<String, Object>> importExport(@RequestBody byte[] body,
            @RequestParam(name = "run_id", required = false) UUID runId,
            @RequestParam(name = "source_name", required = false) String sourceName, WorkspaceCaller caller,
            HttpServletRequest request) {
        if (!isNdjson(request.getContentType())) {
            throw new ApiException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "send the body as " + NDJSON + ", the lines GET /export writes");
        }
        if (sourceName != null && (sourceName.isBlank() || sourceName.length() > IngestRequestParser.MAX_SOURCE_CHARS)) {
            throw ApiException.invalidField("source_name", "source_name must be 1-" + IngestRequestParser.MAX_SOURCE_CHARS + " characters");
        }
        List<ExportLineParser.Line> lines = exportLines.parse(body, parser);
        List<ExportLineParser.DiaryLine> diary = lines.stream().map(ExportLineParser.Line::diary).filter(Objects::nonNull).toList();
        List<IngestIntake.Pending> items = lines.stream().filter(l -> l.diary() == null)
                .map(l -> new IngestIntake.Pending(null, l.memory(), l.rejected())).toList();
        ResponseEntity<Map<String, Object>> answer;
        if (items.isEmpty()) {
            answer = ResponseEntity.status(HttpStatus.ACCEPTED).body(new LinkedHashMap<>(Map.of("status", "accepted")));
        } else if (runId == null) {
            answer = intake.accept(caller, UUID.randomUUID(), true, "import", sourceName, "export", items, MeteredUnits.of(request));
        } else {
            IngestRunsRecord run = runs.get(caller.workspace(), runId);
            answer = intake.accept(caller, runId, false, "import", run.getSourceName(), run.getSourceType(), items,
                    MeteredUnits.of(request));
        }
        // After the memories were taken, so that a refused import leaves no diary behind.
        diaryImport.write(caller, diary);
        answer.getBody().put("diary_lines", diary.size());
        return answer;
    }

    @GetMapping("/ingest/runs")
    @RequiresScope(Scope.READ)
    @Parameter(name = "limit", in = ParameterIn.QUERY, description = "1-500, default 50")
    @Parameter(name = "cursor", in = ParameterIn.QUERY, description = "the previous page's next_cursor")
    public Map<String, Object> list(WorkspaceCaller caller, @Parameter(hidden = true) @RequestParam MultiValueMap<String, String> query) {
        ListParameters parameters = ListParameters.of(query, RUN_LIST_PARAMETERS);
        PageCursor cursor = parameters.cursor();
        List<IngestRunView> page = runReads.list(caller.workspace().id(), parameters.limit() + 1,
                cursor == null ? null : cursor.time(), cursor == null ? null : cursor.id());
        boolean more = page.size() > parameters.limit();
        List<IngestRunView> shown = more ? page.subList(0, parameters.limit()) : page;
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("runs", shown);
        IngestRunView last = shown.isEmpty() ? null : shown.getLast();
        answer.put("next_cursor", more ? new PageCursor(Instant.parse(last.startedAt()), last.runId()).encode() : null);
        return answer;
    }

    @GetMapping("/ingest/runs/{runId}")
    @RequiresScope(Scope.READ)
    IngestRunView run(@PathVariable UUID runId, WorkspaceCaller caller) {
        return runReads.run(caller.workspace().id(), runId);
    }

    @GetMapping("/ingest/runs/{runId}/items")
    @RequiresScope(Scope.READ)
    @Parameter(name = "outcome", in = ParameterIn.QUERY, description = "stored, merged or rejected; default all")
    @Parameter(name = "limit", in = ParameterIn.QUERY, description = "1-500, default 50")
    @Parameter(name = "cursor", in = ParameterIn.QUERY, description = "the previous page's next_cursor")
    Map<String, Object> items(@PathVariable UUID runId, WorkspaceCaller caller,
            @Parameter(hidden = true) @RequestParam MultiValueMap<String, String> query) {
        ListParameters parameters = ListParameters.of(query, ITEM_LIST_PARAMETERS);
        String outcome = parameters.text("outcome");
        if (outcome != null && !OUTCOMES.contains(outcome)) {
            throw ApiException.invalidField("outcome", "outcome must be one of stored, merged, rejected");
        }
        int after = IndexCursor.decode(parameters.text("cursor"));
        List<RunItems.Item> page = runReads.items(caller.workspace().id(), runId, outcome, after, parameters.limit() + 1);
        boolean more = page.size() > parameters.limit();
        List<RunItems.Item> shown = more ? page.subList(0, parameters.limit()) : page;
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("items", shown);
        answer.put("next_cursor", more ? IndexCursor.encode(shown.getLast().index()) : null);
        return answer;
    }

    private static boolean isNdjson(String contentType) {
        try {
            return contentType != null && MediaType.parseMediaType(contentType).isCompatibleWith(MediaType.parseMediaType(NDJSON));
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }
}
