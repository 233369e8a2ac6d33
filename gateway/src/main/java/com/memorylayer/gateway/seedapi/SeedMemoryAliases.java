package com.memorylayer.gateway.seedapi;

import com.memorylayer.gateway.access.RequiresScope;
import com.memorylayer.gateway.access.Scope;
import com.memorylayer.gateway.access.WorkspaceCaller;
import com.memorylayer.gateway.health.WorkspaceHealthController;
import com.memorylayer.gateway.memory.MemoryController;
import com.memorylayer.gateway.memory.MemoryReadController;
import com.memorylayer.schemas.reads.MemoryView;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
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
import tools.jackson.databind.ObjectMapper;

/** The seed's status, recent memories, search, remember and recent export, each answered by our route's own method. */
@RestController
@RequestMapping("/api/workspaces/{slug}")
class SeedMemoryAliases {

    private static final SeedLimit RECENT = new SeedLimit(1, 100, 10);
    private static final SeedLimit EXPORT = new SeedLimit(1, 250, 100);

    private final WorkspaceHealthController health;
    private final MemoryReadController reads;
    private final MemoryController memories;
    private final SeedForwardedAnswers forwarded;
    private final ObjectMapper mapper;

    SeedMemoryAliases(WorkspaceHealthController health, MemoryReadController reads, MemoryController memories,
            SeedForwardedAnswers forwarded, ObjectMapper mapper) {
        this.health = health;
        this.reads = reads;
        this.memories = memories;
        this.forwarded = forwarded;
        this.mapper = mapper;
    }

    @GetMapping("/status")
    @RequiresScope(Scope.READ)
    @SeedAlias(successor = "/v1/workspaces/{slug}/status")
    SeedAnswers.Status seedStatus(WorkspaceCaller caller) {
        return new SeedAnswers.Status(caller.workspace().slug(), health.status(caller));
    }

    @GetMapping("/memories/recent")
    @RequiresScope(Scope.READ)
    @SeedAlias(successor = "/v1/workspaces/{slug}/memories")
    @Parameter(name = "limit", in = ParameterIn.QUERY, description = "1-100, default 10")
    SeedAnswers.Recent seedRecentMemories(WorkspaceCaller caller,
            @Parameter(hidden = true) @RequestParam(required = false) String limit) {
        List<SeedAnswers.RecentMemory> recent = newest(caller, RECENT.of(limit)).stream()
                .map(m -> new SeedAnswers.RecentMemory(m.id(), m.content(), m.layer(), m.importance(), m.createdAt()))
                .toList();
        return new SeedAnswers.Recent(caller.workspace().slug(), recent);
    }

    /** The seed's recent export is a page of the newest memories, which is our memory list (not our full export). */
    @GetMapping("/export/recent")
    @RequiresScope(Scope.READ)
    @SeedAlias(successor = "/v1/workspaces/{slug}/memories")
    @Parameter(name = "limit", in = ParameterIn.QUERY, description = "1-250, default 100")
    SeedAnswers.Export seedRecentExport(WorkspaceCaller caller,
            @Parameter(hidden = true) @RequestParam(required = false) String limit) {
        return new SeedAnswers.Export(caller.workspace().slug(), Instant.now(), newest(caller, EXPORT.of(limit)));
    }

    @PostMapping(path = "/search", consumes = MediaType.APPLICATION_JSON_VALUE)
    @RequiresScope(Scope.READ)
    @SeedAlias(successor = "/v1/workspaces/{slug}/recall")
    CompletableFuture<ResponseEntity<Object>> seedSearch(@RequestBody JsonNode body, WorkspaceCaller caller,
            HttpServletRequest request) {
        SeedSearch search = SeedSearch.from(body);
        return memories.recall(mapper.writeValueAsBytes(search.recall()), caller, request)
                .thenApply(answer -> forwarded.map(answer,
                        recalled -> new SeedAnswers.Search(caller.workspace().slug(), recalled.get("results"))));
    }

    /**
     * The seed's remember answered 200 once the engine had stored (or merged, or skipped) the memory, and its clients
     * search right after it: the alias waits as our {@code ?wait=true} does, answering the command's outcome in
     * {@code result} ({@code status: applied}), or {@code status: accepted} when it is not applied within the wait.
     */
    @PostMapping(path = "/remember", consumes = MediaType.APPLICATION_JSON_VALUE)
    @RequiresScope(Scope.WRITE)
    @SeedAlias(successor = "/v1/workspaces/{slug}/memories")
    ResponseEntity<Object> seedRemember(@RequestBody JsonNode body, WorkspaceCaller caller, HttpServletRequest request) {
        SeedRemember remember = SeedRemember.from(body);
        ResponseEntity<Map<String, Object>> answer = memories.remember(remember.remember(), null, true, caller, request);
        if (!answer.getStatusCode().is2xxSuccessful()) {
            return ResponseEntity.status(answer.getStatusCode()).body(answer.getBody());
        }
        return ResponseEntity.ok(new SeedAnswers.Remember(caller.workspace().slug(), answer.getBody()));
    }

    @SuppressWarnings("unchecked")
    private List<MemoryView> newest(WorkspaceCaller caller, int limit) {
        LinkedMultiValueMap<String, String> query = new LinkedMultiValueMap<>();
        query.add("limit", Integer.toString(limit));
        return (List<MemoryView>) reads.list(caller, query).get("memories");
    }
}
