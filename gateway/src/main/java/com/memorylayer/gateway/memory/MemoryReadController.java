package com.memorylayer.gateway.memory;

import com.memorylayer.gateway.access.RequiresScope;
import com.memorylayer.gateway.access.Scope;
import com.memorylayer.gateway.access.WorkspaceCaller;
import com.memorylayer.gateway.activity.ListParameters;
import com.memorylayer.schemas.api.ErrorCode;
import com.memorylayer.schemas.memory.MemoryLayer;
import com.memorylayer.schemas.memory.MemorySelection;
import com.memorylayer.schemas.memory.MemoryStatus;
import com.memorylayer.schemas.memory.MemoryType;
import com.memorylayer.web.error.ApiException;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Reading memories: one with its notes and history, a filtered page, a history, an erasure receipt, a command. */
@RestController
@RequestMapping("/v1/workspaces/{slug}")
class MemoryReadController {

    private static final Set<String> LIST_PARAMETERS = Set.of("status", "layer", "memory_type", "kind", "tag", "session_id",
            "pinned", "created_after", "created_before", "limit", "cursor");
    private static final Set<String> HISTORY_PARAMETERS = Set.of("limit", "cursor");

    private final MemoryReads reads;
    private final CommandWrites writes;
    private final MaintenanceProgress progress;

    MemoryReadController(MemoryReads reads, CommandWrites writes, MaintenanceProgress progress) {
        this.reads = reads;
        this.writes = writes;
        this.progress = progress;
    }

    @GetMapping("/memories/{id}")
    @RequiresScope(Scope.READ)
    Map<String, Object> memory(@PathVariable UUID id, WorkspaceCaller caller) {
        return reads.memory(caller.workspace(), id).orElseThrow(() -> notFound(id));
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
    Map<String, Object> list(WorkspaceCaller caller, @Parameter(hidden = true) @RequestParam MultiValueMap<String, String> query) {
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
        MemoryReads.Cursor cursor = null;
        if (parameters.text("cursor") != null) {
            try {
                cursor = MemoryReads.Cursor.decode(parameters.text("cursor"));
            } catch (IllegalArgumentException e) {
                throw ApiException.invalidField("cursor", "cursor is not one this service issued");
            }
        }
        MemoryReads.Page page = reads.list(caller.workspace(), selection, parameters.limit(), cursor);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("memories", page.memories());
        answer.put("next_cursor", page.nextCursor());
        return answer;
    }

    @GetMapping("/memories/{id}/history")
    @RequiresScope(Scope.READ)
    @Parameter(name = "limit", in = ParameterIn.QUERY, description = "1-500, default 50")
    @Parameter(name = "cursor", in = ParameterIn.QUERY, description = "the previous page's next_cursor")
    Map<String, Object> history(@PathVariable UUID id, WorkspaceCaller caller,
            @Parameter(hidden = true) @RequestParam MultiValueMap<String, String> query) {
        ListParameters parameters = ListParameters.of(query, HISTORY_PARAMETERS);
        if (reads.row(caller.workspace(), id).isEmpty()) {
            throw notFound(id);
        }
        Long before = null;
        if (parameters.text("cursor") != null) {
            try {
                before = Long.parseLong(parameters.text("cursor"));
            } catch (NumberFormatException e) {
                throw ApiException.invalidField("cursor", "cursor is not one this service issued");
            }
        }
        MemoryReads.HistoryPage page = reads.history(caller.workspace(), id, parameters.limit(), before);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("history", page.entries());
        answer.put("next_cursor", page.nextCursor());
        return answer;
    }

    @GetMapping("/erasures/{id}")
    @RequiresScope(Scope.READ)
    Map<String, Object> erasure(@PathVariable UUID id, WorkspaceCaller caller) {
        return reads.erasure(caller.workspace(), id).orElseThrow(() ->
                new ApiException(ErrorCode.ERASURE_NOT_FOUND, "no erasure of memory " + id + " in this workspace"));
    }

    /** What any write came to, by the {@code command_id} its answer carried. */
    @GetMapping("/commands/{id}")
    @RequiresScope(Scope.READ)
    Map<String, Object> command(@PathVariable UUID id, WorkspaceCaller caller) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("command_id", id);
        writes.applied(caller, id).ifPresentOrElse(applied -> {
            answer.put("status", "applied");
            answer.put("outcome", applied.outcome());
            answer.put("memory_id", applied.memoryId());
            answer.put("result", applied.result());
        }, () -> {
            answer.put("status", "pending");
            // A maintenance command (dedupe, consolidate, batch, entity merge) says how far it got.
            progress.of(caller, id).ifPresent(p -> answer.put("progress", p));
        });
        return answer;
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
