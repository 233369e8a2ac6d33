package com.memorylayer.gateway.memory;

import com.memorylayer.gateway.reads.QueryForwarder;
import com.memorylayer.gateway.access.RequiresScope;
import com.memorylayer.gateway.access.Scope;
import com.memorylayer.gateway.access.WorkspaceCaller;
import com.memorylayer.gateway.activity.ListParameters;
import com.memorylayer.schemas.api.ErrorCode;
import com.memorylayer.schemas.memory.MemoryLayer;
import com.memorylayer.schemas.memory.MemorySelection;
import com.memorylayer.schemas.memory.MemoryStatus;
import com.memorylayer.schemas.memory.MemoryType;
import com.memorylayer.schemas.reads.MemoryCursor;
import com.memorylayer.schemas.reads.MemoryPage;
import com.memorylayer.web.error.ApiException;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reading memories: one with its notes and history, a filtered page, a history, an erasure receipt, a command. The
 * query service reads them (it owns every workspace table); this controller checks the caller and the parameters,
 * and passes the answer through, its status and body unchanged.
 */
@RestController
@RequestMapping("/v1/workspaces/{slug}")
public class MemoryReadController {

    private static final Set<String> LIST_PARAMETERS = Set.of("status", "layer", "memory_type", "kind", "tag", "session_id",
            "pinned", "created_after", "created_before", "limit", "cursor");
    private static final Set<String> HISTORY_PARAMETERS = Set.of("limit", "cursor");

    private final MemoryReads reads;
    private final QueryForwarder queryService;

    MemoryReadController(MemoryReads reads, QueryForwarder queryService) {
        this.reads = reads;
        this.queryService = queryService;
    }

    /** A {@link com.memorylayer.schemas.reads.MemoryView}, or for a write that became no memory a {@link com.memorylayer.schemas.reads.WriteFate}. */
    @GetMapping("/memories/{id}")
    @RequiresScope(Scope.READ)
    CompletableFuture<ResponseEntity<byte[]>> memory(@PathVariable UUID id, WorkspaceCaller caller) {
        return queryService.get(caller.workspace().id(), "/memories/" + id);
    }

    @GetMapping("/memories")
    @RequiresScope(Scope.READ)
    @Parameter(name = "status", in = ParameterIn.QUERY, description = "comma-separated statuses; default: every status but forgotten")
    @Parameter(name = "layer", in = ParameterIn.QUERY, description = "comma-separated layers")
    @Parameter(name = "memory_type", in = ParameterIn.QUERY, description = "comma-separated memory types")
    @Parameter(name = "kind", in = ParameterIn.QUERY)
    @Parameter(name = "tag", in = ParameterIn.QUERY, description = "memories with this tag")
    @Parameter(name = "session_id", in = ParameterIn.QUERY)
    @Parameter(name = "pinned", in = ParameterIn.QUERY, description = "true or false")
    @Parameter(name = "created_after", in = ParameterIn.QUERY, description = "ISO-8601, exclusive")
    @Parameter(name = "created_before", in = ParameterIn.QUERY, description = "ISO-8601, exclusive")
    @Parameter(name = "limit", in = ParameterIn.QUERY, description = "1-500, default 50")
    @Parameter(name = "cursor", in = ParameterIn.QUERY, description = "the previous page's next_cursor")
    public Map<String, Object> list(WorkspaceCaller caller, @Parameter(hidden = true) @RequestParam MultiValueMap<String, String> query) {
        ListParameters parameters = ListParameters.of(query, LIST_PARAMETERS);
        Set<MemoryStatus> status = values(parameters, "status", MemoryStatus::fromWire, MemoryStatus.values());
        if (status.isEmpty()) {
            status = EnumSet.complementOf(EnumSet.of(MemoryStatus.FORGOTTEN));
        }
        String pinned = parameters.text("pinned");
        if (pinned != null && !pinned.equals("true") && !pinned.equals("false")) {
            throw ApiException.invalidField("pinned", "pinned must be true or false");
        }
        String tag = parameters.text("tag");
        MemorySelection selection = new MemorySelection(List.of(), tag == null ? List.of() : List.of(tag),
                parameters.text("kind"), parameters.text("session_id"), Map.of(), parameters.time("created_after"),
                parameters.time("created_before"), status, values(parameters, "layer", MemoryLayer::fromWire, MemoryLayer.values()),
                values(parameters, "memory_type", MemoryType::fromWire, MemoryType.values()),
                pinned == null ? null : Boolean.valueOf(pinned));
        // Refused here before anything is asked; the query service reads it again.
        if (parameters.text("cursor") != null) {
            try {
                MemoryCursor.decode(parameters.text("cursor"));
            } catch (IllegalArgumentException e) {
                throw ApiException.invalidField("cursor", "cursor is not one this service issued");
            }
        }
        MemoryPage page = reads.list(caller.workspace(), selection, parameters.limit(), parameters.text("cursor"));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("memories", page.memories());
        answer.put("next_cursor", page.nextCursor());
        return answer;
    }

    @GetMapping("/memories/{id}/history")
    @RequiresScope(Scope.READ)
    @Parameter(name = "limit", in = ParameterIn.QUERY, description = "1-500, default 50")
    @Parameter(name = "cursor", in = ParameterIn.QUERY, description = "the previous page's next_cursor")
    CompletableFuture<ResponseEntity<byte[]>> history(@PathVariable UUID id, WorkspaceCaller caller,
            @Parameter(hidden = true) @RequestParam MultiValueMap<String, String> query) {
        ListParameters parameters = ListParameters.of(query, HISTORY_PARAMETERS);
        String route = "/memories/" + id + "/history?limit=" + parameters.limit();
        if (parameters.text("cursor") != null) {
            route += "&cursor=" + URLEncoder.encode(parameters.text("cursor"), StandardCharsets.UTF_8);
        }
        return queryService.get(caller.workspace().id(), route);
    }

    /** A {@link com.memorylayer.schemas.reads.ErasureReceipt}. */
    @GetMapping("/erasures/{id}")
    @RequiresScope(Scope.READ)
    CompletableFuture<ResponseEntity<byte[]>> erasure(@PathVariable UUID id, WorkspaceCaller caller) {
        return queryService.get(caller.workspace().id(), "/erasures/" + id);
    }

    /**
     * What any write came to, by the {@code command_id} its answer carried: a {@link com.memorylayer.schemas.reads.CommandOutcome},
     * {@code pending} with a maintenance command's progress while it is not applied.
     */
    @GetMapping("/commands/{id}")
    @RequiresScope(Scope.READ)
    CompletableFuture<ResponseEntity<byte[]>> command(@PathVariable UUID id, WorkspaceCaller caller) {
        return queryService.get(caller.workspace().id(), "/commands/" + id);
    }

    private static <T extends Enum<T>> Set<T> values(ListParameters parameters, String name,
            Function<String, java.util.Optional<T>> parse, T[] all) {
        String text = parameters.text(name);
        if (text == null) {
            return Set.of();
        }
        Set<T> values = new java.util.HashSet<>();
        for (String one : text.split(",")) {
            values.add(parse.apply(one.strip()).orElseThrow(() -> ApiException.invalidField(name, name + " must be among "
                    + Arrays.stream(all).map(v -> v.name().toLowerCase(java.util.Locale.ROOT)).toList())));
        }
        return values;
    }

    static ApiException notFound(UUID id) {
        return new ApiException(ErrorCode.MEMORY_NOT_FOUND, "no memory " + id + " in this workspace");
    }
}
