package com.memorylayer.gateway.memory;

import com.memorylayer.gateway.reads.QueryForwarder;
import com.memorylayer.gateway.access.RequiresScope;
import com.memorylayer.gateway.access.Scope;
import com.memorylayer.gateway.access.WorkspaceCaller;
import com.memorylayer.gateway.activity.MeteredUnits;
import com.memorylayer.schemas.api.ErrorCode;
import com.memorylayer.web.error.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Remember and recall on one workspace. */
@RestController
@RequestMapping("/v1/workspaces/{slug}")
public class MemoryController {

    private final RememberRequestParser parser;
    private final CommandWrites writes;
    private final QueryForwarder recalls;
    private final IdempotencyKeys idempotency;
    private final ObjectMapper mapper;

    MemoryController(RememberRequestParser parser, CommandWrites writes, QueryForwarder recalls,
            IdempotencyKeys idempotency, ObjectMapper mapper) {
        this.parser = parser;
        this.writes = writes;
        this.recalls = recalls;
        this.idempotency = idempotency;
        this.mapper = mapper;
    }

    @PostMapping(path = "/memories", consumes = MediaType.APPLICATION_JSON_VALUE)
    @RequiresScope(Scope.WRITE)
    public ResponseEntity<Map<String, Object>> remember(@RequestBody JsonNode body,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
            @RequestParam(defaultValue = "false") boolean wait, WorkspaceCaller caller, HttpServletRequest request) {
        RememberRequest remember = parser.parse(body);
        UUID eventId = idempotency.eventId(caller, idempotencyKey, mapper.writeValueAsBytes(body));
        MeteredUnits.of(request).memoriesWritten(1);
        return writes.submit(caller, eventId, eventId, remember.command(eventId, caller.userId(), Instant.now()), wait);
    }

    @PostMapping(path = "/recall")
    @RequiresScope(Scope.READ)
    public CompletableFuture<ResponseEntity<byte[]>> recall(@RequestBody(required = false) byte[] body,
            WorkspaceCaller caller, HttpServletRequest request) {
        return metered(recalls.recall(caller.workspace().id(), body == null ? new byte[0] : body,
                caller.allows(Scope.WRITE)), request);
    }

    /** One of the {@link RecallVariant}s, forwarded as it came; the query service checks its body. */
    @PostMapping(path = "/recall/{variant}")
    @RequiresScope(Scope.READ)
    CompletableFuture<ResponseEntity<byte[]>> recallVariant(@PathVariable String variant,
            @RequestBody(required = false) byte[] body, WorkspaceCaller caller, HttpServletRequest request) {
        if (RecallVariant.fromWire(variant).isEmpty()) {
            throw new ApiException(ErrorCode.NOT_FOUND, "no recall variant '" + variant + "'; there are " + RecallVariant.WIRE);
        }
        return metered(recalls.variant(caller.workspace().id(), variant, body == null ? new byte[0] : body), request);
    }

    private static CompletableFuture<ResponseEntity<byte[]>> metered(CompletableFuture<ResponseEntity<byte[]>> answer,
            HttpServletRequest request) {
        MeteredUnits units = MeteredUnits.of(request);
        return answer.thenApply(response -> {
            if (response.getStatusCode().is2xxSuccessful()) {
                units.recalls(1);
            }
            return response;
        });
    }
}
