package com.memorylayer.gateway.memory;

import com.memorylayer.gateway.access.WorkspaceCaller;
import com.memorylayer.gateway.reads.QueryReads;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The remember, recall and list routes for callers inside the gateway that are not HTTP clients of them (the
 * dashboard's pages): each call is the route's own method, with its checks, command and usage count, so a page does
 * exactly what the API does. The caller's scope is the caller's to check first, as the route's admission does.
 */
@Component
public class MemoryRoutes {

    private final MemoryController memories;
    private final MemoryReadController reads;
    private final QueryReads query;
    private final ObjectMapper mapper;

    MemoryRoutes(MemoryController memories, MemoryReadController reads, QueryReads query, ObjectMapper mapper) {
        this.memories = memories;
        this.reads = reads;
        this.query = query;
        this.mapper = mapper;
    }

    /** {@code POST /memories?wait=true}: the answer once applied (or accepted, if the wait ran out). */
    public Map<String, Object> remember(WorkspaceCaller caller, ObjectNode body, HttpServletRequest request) {
        return memories.remember(body, null, true, caller, request).getBody();
    }

    /** {@code POST /recall/explain}: the recall with each result's channels, ranks and scores. */
    public JsonNode explain(WorkspaceCaller caller, ObjectNode body, HttpServletRequest request) {
        ResponseEntity<byte[]> answer;
        try {
            answer = memories.recallVariant("explain", mapper.writeValueAsBytes(body), caller, request).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        byte[] bytes = answer.getBody() == null ? new byte[0] : answer.getBody();
        if (!answer.getStatusCode().is2xxSuccessful()) {
            throw query.refusal(answer.getStatusCode().value(), bytes);
        }
        return mapper.readTree(bytes);
    }

    /** {@code GET /memories} with the list's query parameters: {@code {memories, next_cursor}}. */
    public Map<String, Object> list(WorkspaceCaller caller, MultiValueMap<String, String> parameters) {
        return reads.list(caller, parameters);
    }
}
