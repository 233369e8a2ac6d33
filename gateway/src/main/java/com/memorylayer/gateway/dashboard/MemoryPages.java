package com.memorylayer.gateway.dashboard;

import com.memorylayer.gateway.access.Scope;
import com.memorylayer.gateway.access.WorkspaceCaller;
import com.memorylayer.gateway.memory.MemoryReads;
import com.memorylayer.gateway.memory.MemoryRoutes;
import com.memorylayer.gateway.reads.QueryReads;
import com.memorylayer.schemas.api.ErrorCode;
import com.memorylayer.schemas.memory.MemoryLayer;
import com.memorylayer.schemas.memory.MemoryStatus;
import com.memorylayer.schemas.memory.MemoryType;
import com.memorylayer.schemas.reads.MemoryView;
import com.memorylayer.schemas.reads.graph.Backlinks;
import com.memorylayer.schemas.reads.graph.MemoryEntities;
import com.memorylayer.web.error.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A workspace's memories: the list with the filters and paging of {@code GET /memories}, one memory's page (its
 * fields, notes, history, links and the entities it mentions), and remembering one from a form. Reads need the
 * {@code read} scope and a remember the {@code write} scope, as on the API; each is the API route's own code.
 */
@Controller
class MemoryPages {

    /** The list's filters: those {@code GET /memories} takes. */
    static final Set<String> FILTERS = Set.of("status", "layer", "memory_type", "kind", "tag", "session_id", "pinned",
            "created_after", "created_before", "limit", "cursor");
    static final int HISTORY_SHOWN = 50;
    static final int ENTITIES_SHOWN = 50;

    private final DashboardAccess access;
    private final MemoryRoutes routes;
    private final MemoryReads reads;
    private final QueryReads query;

    MemoryPages(DashboardAccess access, MemoryRoutes routes, MemoryReads reads, QueryReads query) {
        this.access = access;
        this.routes = routes;
        this.reads = reads;
        this.query = query;
    }

    @GetMapping("/app/workspaces/{slug}/memories")
    String list(@PathVariable String slug, Model model, HttpServletRequest request) {
        DashboardAccess.Admitted admitted = access.caller(slug, Scope.READ, request);
        Map<String, List<String>> filters = FormParameters.of(request, FILTERS);
        Map<String, Object> page = routes.list(admitted.caller(), new LinkedMultiValueMap<>(filters));
        model.addAttribute("membership", admitted.membership());
        model.addAttribute("memories", page.get("memories"));
        model.addAttribute("filters", filters);
        model.addAttribute("statuses", Arrays.stream(MemoryStatus.values()).map(MemoryStatus::wire).toList());
        model.addAttribute("layers", Arrays.stream(MemoryLayer.values()).map(MemoryLayer::wire).toList());
        model.addAttribute("types", Arrays.stream(MemoryType.values()).map(MemoryType::wire).toList());
        Object next = page.get("next_cursor");
        if (next != null) {
            UriComponentsBuilder link = UriComponentsBuilder.fromPath("/app/workspaces/{slug}/memories");
            filters.forEach((name, values) -> {
                if (!name.equals("cursor")) {
                    link.queryParam(name, values.getFirst());
                }
            });
            model.addAttribute("nextPage", link.queryParam("cursor", next).encode().buildAndExpand(slug).toUriString());
        }
        model.addAttribute("paged", filters.containsKey("cursor"));
        return "memories";
    }

    @GetMapping("/app/workspaces/{slug}/memories/{id}")
    String memory(@PathVariable String slug, @PathVariable UUID id, Model model, HttpServletRequest request) {
        DashboardAccess.Admitted admitted = access.caller(slug, Scope.READ, request);
        WorkspaceCaller caller = admitted.caller();
        model.addAttribute("membership", admitted.membership());
        Record found = reads.memory(caller.workspace(), id).orElseThrow(() ->
                new ApiException(ErrorCode.MEMORY_NOT_FOUND, "no memory " + id + " in this workspace"));
        if (!(found instanceof MemoryView memory)) {
            // A write that became no memory of its own (merged on write, rejected): say what it came to.
            model.addAttribute("fate", found);
            return "memory-fate";
        }
        model.addAttribute("m", memory);
        model.addAttribute("history", reads.history(caller.workspace(), id, HISTORY_SHOWN).history());
        model.addAttribute("backlinks", query.get(caller.workspace().id(), "/memories/" + id + "/backlinks", Backlinks.class).backlinks());
        model.addAttribute("entities", query.get(caller.workspace().id(), "/memories/" + id + "/entities?limit=" + ENTITIES_SHOWN,
                MemoryEntities.class).entities());
        model.addAttribute("mayWrite", caller.allows(Scope.WRITE));
        model.addAttribute("statuses", MemoryStatus.of(memory.status()).next().stream().map(MemoryStatus::wire).sorted().toList());
        model.addAttribute("layers", Arrays.stream(MemoryLayer.values()).map(MemoryLayer::wire).toList());
        model.addAttribute("types", Arrays.stream(MemoryType.values()).map(MemoryType::wire).toList());
        return "memory";
    }

    /** Remember from the list page's form; the new memory's page is shown once it applied. */
    @PostMapping("/app/workspaces/{slug}/memories")
    String remember(@PathVariable String slug, @RequestParam String content, @RequestParam(required = false) String tags,
            @RequestParam(required = false) String kind, @RequestParam(required = false) String layer,
            @RequestParam(name = "memory_type", required = false) String memoryType, HttpServletRequest request,
            RedirectAttributes redirect) {
        WorkspaceCaller caller = access.caller(slug, Scope.WRITE, request).caller();
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("content", content);
        MemoryForms.putTags(body, "tags", tags);
        MemoryForms.putText(body, "kind", kind);
        MemoryForms.putText(body, "layer", layer);
        MemoryForms.putText(body, "memory_type", memoryType);
        Map<String, Object> answer = routes.remember(caller, body, request);
        redirect.addFlashAttribute("notice", MemoryForms.notice("Remembered", answer));
        return "redirect:/app/workspaces/" + slug + "/memories/" + answer.get("id");
    }
}
