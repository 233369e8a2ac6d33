package com.memorylayer.gateway.seedapi;

import com.memorylayer.gateway.access.RequiresScope;
import com.memorylayer.gateway.access.Scope;
import com.memorylayer.gateway.access.WorkspaceCaller;
import com.memorylayer.gateway.ingest.IngestController;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** The seed's ingest, ingest preview and ingest runs, answered by our ingest routes' own methods. */
@RestController
@RequestMapping("/api/workspaces/{slug}")
class SeedIngestAliases {

    private static final SeedLimit RUNS = new SeedLimit(1, 100, 25);
    /** The seed's preview showed the first 8 items. */
    static final int PREVIEW_ITEMS = 8;

    private final IngestController ingest;

    SeedIngestAliases(IngestController ingest) {
        this.ingest = ingest;
    }

    /** Our ingest answers 202 once the items are in the log; the seed answered 200 once they were stored. */
    @PostMapping(path = "/ingest", consumes = MediaType.APPLICATION_JSON_VALUE)
    @RequiresScope(Scope.WRITE)
    @SeedAlias(successor = "/v1/workspaces/{slug}/ingest")
    ResponseEntity<Object> seedIngest(@RequestBody JsonNode body, WorkspaceCaller caller, HttpServletRequest request) {
        SeedIngest seed = SeedIngest.from(body);
        ResponseEntity<Map<String, Object>> answer = ingest.ingest(seed.ingest(), caller, request);
        Map<String, Object> accepted = answer.getBody();
        if (!answer.getStatusCode().is2xxSuccessful() || accepted == null) {
            return ResponseEntity.status(answer.getStatusCode()).body(accepted);
        }
        long items = ((Number) accepted.get("items")).longValue();
        return ResponseEntity.ok(new SeedAnswers.Ingest(caller.workspace().slug(), new SeedAnswers.IngestSummary(
                seed.sourceName(), seed.sourceType(), items, seed.characterCount(), seed.layer(), seed.memoryType(),
                accepted.get("run_id"), accepted.get("status"))));
    }

    @PostMapping(path = "/ingest/preview", consumes = MediaType.APPLICATION_JSON_VALUE)
    @RequiresScope(Scope.WRITE)
    @SeedAlias(successor = "/v1/workspaces/{slug}/ingest/preview")
    SeedAnswers.Preview seedIngestPreview(@RequestBody JsonNode body) {
        SeedIngest seed = SeedIngest.from(body);
        Map<String, Object> preview = ingest.preview(seed.ingest());
        List<Object> first = ((List<?>) preview.get("first")).stream().limit(PREVIEW_ITEMS)
                .map(item -> ((Map<?, ?>) item).get("content")).map(Object.class::cast).toList();
        Object largest = preview.get("largest_item") instanceof Map<?, ?> item ? item.get("characters") : 0;
        return new SeedAnswers.Preview(seed.splitMode(),
                new SeedAnswers.PreviewSummary(preview.get("items"), preview.get("characters"), first, largest));
    }

    @GetMapping("/ingest/runs")
    @RequiresScope(Scope.READ)
    @SeedAlias(successor = "/v1/workspaces/{slug}/ingest/runs")
    @Parameter(name = "limit", in = ParameterIn.QUERY, description = "1-100, default 25")
    SeedAnswers.Runs seedIngestRuns(WorkspaceCaller caller, @Parameter(hidden = true) @RequestParam(required = false) String limit) {
        LinkedMultiValueMap<String, String> query = new LinkedMultiValueMap<>();
        query.add("limit", Integer.toString(RUNS.of(limit)));
        return new SeedAnswers.Runs(caller.workspace().slug(), ingest.list(caller, query).get("runs"));
    }
}
