package com.memorylayer.gateway.ingest;

import com.memorylayer.gateway.access.RequiresScope;
import com.memorylayer.gateway.access.Scope;
import com.memorylayer.gateway.access.WorkspaceCaller;
import com.memorylayer.gateway.activity.ListParameters;
import com.memorylayer.gateway.activity.MeteredUnits;
import com.memorylayer.gateway.activity.PageCursor;
import com.memorylayer.gateway.memory.MemoryCommandPublisher;
import com.memorylayer.retrieval.embedding.BgeTokenizer;
import com.memorylayer.schemas.api.ErrorCode;
import com.memorylayer.schemas.events.EventEnvelope;
import com.memorylayer.schemas.events.EventSource;
import com.memorylayer.schemas.events.ImportedMemory;
import com.memorylayer.schemas.events.IngestItems;
import com.memorylayer.schemas.events.RememberMemory;
import com.memorylayer.schemas.jooq.workspace_template.tables.records.IngestRunsRecord;
import com.memorylayer.schemas.topics.Topic;
import com.memorylayer.web.error.ApiException;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
class IngestController {

    static final String NDJSON = "application/x-ndjson";
    private static final Set<String> RUN_LIST_PARAMETERS = Set.of("limit", "cursor");
    private static final Set<String> ITEM_LIST_PARAMETERS = Set.of("outcome", "limit", "cursor");
    private static final Set<String> OUTCOMES = Set.of("stored", "merged", "rejected");

    private final IngestRequestParser parser;
    private final ExportLineParser exportLines;
    private final IngestRuns runs;
    private final MemoryCommandPublisher publisher;
    private final BgeTokenizer tokenizer;
    private final IngestProperties properties;
    private final Clock clock;

    IngestController(IngestRequestParser parser, ExportLineParser exportLines, IngestRuns runs, MemoryCommandPublisher publisher,
            BgeTokenizer tokenizer, IngestProperties properties, Clock clock) {
        this.parser = parser;
        this.exportLines = exportLines;
        this.runs = runs;
        this.publisher = publisher;
        this.tokenizer = tokenizer;
        this.properties = properties;
        this.clock = clock;
    }

    @PostMapping(path = "/ingest", consumes = MediaType.APPLICATION_JSON_VALUE)
    @RequiresScope(Scope.WRITE)
    ResponseEntity<Map<String, Object>> ingest(@RequestBody JsonNode body, WorkspaceCaller caller, HttpServletRequest request) {
        IngestRequestParser.IngestBody parsed = parser.parse(body);
        UUID runId = runs.open(caller, "ingest", parsed.sourceName(), parsed.sourceType());
        return accept(caller, runId, true, "ingest", parsed.sourceName(), parsed.sourceType(), items(parsed, runId, caller), request);
    }

    @PostMapping(path = "/ingest/runs/{runId}/items", consumes = MediaType.APPLICATION_JSON_VALUE)
    @RequiresScope(Scope.WRITE)
    ResponseEntity<Map<String, Object>> append(@PathVariable UUID runId, @RequestBody JsonNode body, WorkspaceCaller caller,
            HttpServletRequest request) {
        IngestRequestParser.IngestBody parsed = parser.parse(body);
        IngestRunsRecord run = runs.get(caller.workspace(), runId);
        return accept(caller, runId, false, "ingest", run.getSourceName(), run.getSourceType(), items(parsed, runId, caller), request);
    }

    @PostMapping(path = "/ingest/runs/{runId}/close")
    @RequiresScope(Scope.WRITE)
    Map<String, Object> close(@PathVariable UUID runId, WorkspaceCaller caller) {
        runs.close(caller.workspace(), runId);
        return view(caller, runs.get(caller.workspace(), runId));
    }

    @PostMapping(path = "/ingest/preview", consumes = MediaType.APPLICATION_JSON_VALUE)
    @RequiresScope(Scope.WRITE)
    Map<String, Object> preview(@RequestBody JsonNode body) {
        IngestRequestParser.IngestBody parsed = parser.parse(body);
        long characters = 0;
        int largestIndex = -1;
        int largestCharacters = -1;
        List<Map<String, Object>> first = new ArrayList<>();
        List<Map<String, Object>> rejected = new ArrayList<>();
        for (int i = 0; i < parsed.items().size(); i++) {
            IngestRequestParser.Draft draft = parsed.items().get(i);
            if (draft.rejected() != null) {
                rejected.add(Map.of("index", i, "code", draft.rejected().code(), "message", draft.rejected().message()));
                continue;
            }
            String content = draft.fields().content();
            characters += content.length();
            if (content.length() > largestCharacters) {
                largestCharacters = content.length();
                largestIndex = i;
            }
            if (first.size() < properties.previewItems()) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("index", i);
                item.put("content", content);
                item.put("characters", content.length());
                item.put("tokens", tokenizer.count(content));
                item.put("tags", draft.fields().tags());
                item.put("metadata", draft.fields().metadata());
                first.add(item);
            }
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("items", parsed.items().size());
        answer.put("characters", characters);
        if (largestIndex >= 0) {
            String largest = parsed.items().get(largestIndex).fields().content();
            answer.put("largest_item", Map.of("index", largestIndex, "characters", largest.length(), "tokens", tokenizer.count(largest)));
        }
        answer.put("window_tokens", BgeTokenizer.WINDOW);
        answer.put("first", first);
        answer.put("rejected", rejected);
        return answer;
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
        if (sourceName != null && (sourceName.isBlank() || sourceName.length() > 200)) {
            throw ApiException.invalidField("source_name", "source_name must be 1-200 characters");
        }
        List<ExportLineParser.Line> lines = exportLines.parse(body, parser);
        List<Pending> items = lines.stream().map(l -> new Pending(null, l.memory(), l.rejected())).toList();
        if (runId == null) {
            UUID opened = runs.open(caller, "import", sourceName, "export");
            return accept(caller, opened, true, "import", sourceName, "export", items, request);
        }
        IngestRunsRecord run = runs.get(caller.workspace(), runId);
        return accept(caller, runId, false, "import", run.getSourceName(), run.getSourceType(), items, request);
    }

    @GetMapping("/ingest/runs")
    @RequiresScope(Scope.READ)
    @Parameter(name = "limit", in = ParameterIn.QUERY, description = "1-500, default 50")
    @Parameter(name = "cursor", in = ParameterIn.QUERY, description = "the previous page's next_cursor")
    Map<String, Object> list(WorkspaceCaller caller, @Parameter(hidden = true) @RequestParam MultiValueMap<String, String> query) {
        ListParameters parameters = ListParameters.of(query, RUN_LIST_PARAMETERS);
        PageCursor cursor = parameters.cursor();
        List<IngestRunsRecord> page = runs.list(caller.workspace(), parameters.limit() + 1,
                cursor == null ? null : cursor.time(), cursor == null ? null : cursor.id());
        boolean more = page.size() > parameters.limit();
        List<IngestRunsRecord> shown = more ? page.subList(0, parameters.limit()) : page;
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("runs", shown.stream().map(r -> RunView.of(r, null, clock.instant(), properties.runIdleClose())).toList());
        IngestRunsRecord last = shown.isEmpty() ? null : shown.getLast();
        answer.put("next_cursor", more ? new PageCursor(last.getStartedAt().toInstant(), last.getId()).encode() : null);
        return answer;
    }

    @GetMapping("/ingest/runs/{runId}")
    @RequiresScope(Scope.READ)
    Map<String, Object> run(@PathVariable UUID runId, WorkspaceCaller caller) {
        return view(caller, runs.get(caller.workspace(), runId));
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
        runs.get(caller.workspace(), runId);
        int after = decodeIndex(parameters.text("cursor"));
        List<IngestRuns.ItemOutcome> page = runs.items(caller.workspace(), runId, outcome, after, parameters.limit() + 1);
        boolean more = page.size() > parameters.limit();
        List<IngestRuns.ItemOutcome> shown = more ? page.subList(0, parameters.limit()) : page;
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("items", shown.stream().map(RunView::item).toList());
        answer.put("next_cursor", more ? encodeIndex(shown.getLast().index()) : null);
        return answer;
    }

    /** One item bound for the log: a memory to remember, an exported memory, or the reason it was refused. */
    private record Pending(RememberMemory remember, ImportedMemory imported, IngestItems.Rejection rejected) {
    }

    private List<Pending> items(IngestRequestParser.IngestBody parsed, UUID runId, WorkspaceCaller caller) {
        Instant now = clock.instant();
        return parsed.items().stream().map(d -> d.rejected() != null ? new Pending(null, null, d.rejected())
                : new Pending(d.fields().toRemember(runId, now, parsed.dedupe(), caller.userId()), null, null)).toList();
    }

    /**
     * Numbers the items in the run, puts them into the log as one record, then counts them as accepted: a 202 means
     * the log holds every item of the request. A new run the log refused is removed again, so a retry starts clean.
     */
    private ResponseEntity<Map<String, Object>> accept(WorkspaceCaller caller, UUID runId, boolean newRun, String kind,
            String sourceName, String sourceType, List<Pending> pending, HttpServletRequest request) {
        Instant now = clock.instant();
        int first = runs.reserve(caller.workspace(), runId, kind, pending.size());
        List<IngestItems.Item> items = new ArrayList<>(pending.size());
        List<Map<String, Object>> errors = new ArrayList<>();
        int rejected = 0;
        for (int i = 0; i < pending.size(); i++) {
            Pending p = pending.get(i);
            int index = first + i;
            if (p.rejected() != null) {
                items.add(new IngestItems.Item(index, null, null, p.rejected()));
                errors.add(Map.of("index", index, "code", p.rejected().code(), "message", p.rejected().message()));
                rejected++;
            } else {
                items.add(new IngestItems.Item(index, p.remember(), p.imported(), null));
            }
        }
        UUID eventId = UUID.randomUUID();
        IngestItems command = new IngestItems(runId, kind, sourceName, sourceType, items, caller.userId());
        try {
            publisher.publish(Topic.MEMORY_BULK, EventEnvelope.wrap(eventId, EventSource.GATEWAY, now, caller.workspace().id(),
                    caller.keyId(), runId.toString(), command));
        } catch (ApiException e) {
            if (newRun) {
                runs.discard(caller.workspace(), runId);
            }
            throw e;
        }
        runs.accepted(caller.workspace(), runId, eventId, first, items.size());
        MeteredUnits.of(request).memoriesWritten(items.size() - rejected);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("run_id", runId);
        answer.put("items", items.size());
        answer.put("first_index", first);
        answer.put("rejected", rejected);
        answer.put("errors", errors.size() > properties.errorsShown() ? errors.subList(0, properties.errorsShown()) : errors);
        answer.put("status", "accepted");
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(answer);
    }

    private Map<String, Object> view(WorkspaceCaller caller, IngestRunsRecord run) {
        return RunView.of(run, runs.errors(caller.workspace(), run.getId(), properties.errorsShown()), clock.instant(),
                properties.runIdleClose());
    }

    private static boolean isNdjson(String contentType) {
        try {
            return contentType != null && MediaType.parseMediaType(contentType).isCompatibleWith(MediaType.parseMediaType(NDJSON));
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    private static String encodeIndex(int index) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("i." + index).getBytes(StandardCharsets.UTF_8));
    }

    private static int decodeIndex(String cursor) {
        if (cursor == null) {
            return -1;
        }
        try {
            String plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!plain.startsWith("i.")) {
                throw new IllegalArgumentException(plain);
            }
            return Integer.parseInt(plain.substring(2));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField("cursor", "cursor is not one this service issued");
        }
    }
}
