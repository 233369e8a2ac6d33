package com.memorylayer.gateway.dashboard;

import com.memorylayer.gateway.access.Scope;
import com.memorylayer.gateway.memory.MemoryRoutes;
import com.memorylayer.schemas.api.ErrorCode;
import com.memorylayer.web.error.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Searching a workspace: a recall with the recall body's filter language ({@code filters}, a JSON object), answered
 * by {@code POST /recall/explain}, so each hit shows how it was found: its rank and score in each channel, the fused
 * score, the session boost and the reranker's score. A GET, so a search can be bookmarked; like the explain route it
 * records no access.
 */
@Controller
class SearchPages {

    static final int DEFAULT_LIMIT = 10;

    private final DashboardAccess access;
    private final MemoryRoutes routes;
    private final ObjectMapper mapper;

    SearchPages(DashboardAccess access, MemoryRoutes routes, ObjectMapper mapper) {
        this.access = access;
        this.routes = routes;
        this.mapper = mapper;
    }

    @SuppressWarnings("unchecked")
    @GetMapping("/app/workspaces/{slug}/search")
    String search(@PathVariable String slug, @RequestParam(required = false) String query,
            @RequestParam(required = false) String filters, @RequestParam(required = false) String limit,
            Model model, HttpServletRequest request) {
        DashboardAccess.Admitted admitted = access.caller(slug, Scope.READ, request);
        model.addAttribute("membership", admitted.membership());
        model.addAttribute("query", query == null ? "" : query);
        model.addAttribute("filters", filters == null ? "" : filters);
        model.addAttribute("limit", limit == null || limit.isBlank() ? String.valueOf(DEFAULT_LIMIT) : limit);
        if (query == null || query.isBlank()) {
            return "search";
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("query", query);
        MemoryForms.putNumber(body, "limit", limit);
        if (body.has("limit") && body.get("limit").isNumber()) {
            body.put("limit", body.get("limit").asInt());
        }
        if (filters != null && !filters.isBlank()) {
            body.set("filters", filters(filters));
        }
        JsonNode answer = routes.explain(admitted.caller(), body, request);
        model.addAttribute("answer", mapper.convertValue(answer, Map.class));
        return "search";
    }

    /** The filters field as the JSON object the recall body takes; its keys and values are the recall's to check. */
    private JsonNode filters(String text) {
        JsonNode parsed;
        try {
            parsed = mapper.readTree(text);
        } catch (JacksonException e) {
            throw new ApiException(ErrorCode.INVALID_JSON, "filters must be a JSON object, such as {\"tags_any\": [\"ops\"]}");
        }
        if (!parsed.isObject()) {
            throw new ApiException(ErrorCode.INVALID_JSON, "filters must be a JSON object, such as {\"tags_any\": [\"ops\"]}");
        }
        return parsed;
    }
}
