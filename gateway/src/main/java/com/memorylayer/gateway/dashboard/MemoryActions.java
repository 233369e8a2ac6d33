package com.memorylayer.gateway.dashboard;

import com.memorylayer.gateway.access.Scope;
import com.memorylayer.gateway.access.WorkspaceCaller;
import com.memorylayer.gateway.curation.CurationRoutes;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The memory page's forms: edit, tag, pin, annotate, change status, forget, restore and erase. Each needs the
 * {@code write} scope, as its API route does, and is that route's own method (its checks, its command to the log),
 * waiting for the change to apply; the page then shows the memory as it now stands. A refusal is the route's own
 * error, shown as the dashboard's error page.
 */
@Controller
class MemoryActions {

    private final DashboardAccess access;
    private final CurationRoutes curation;

    MemoryActions(DashboardAccess access, CurationRoutes curation) {
        this.access = access;
        this.curation = curation;
    }

    @PostMapping("/app/workspaces/{slug}/memories/{id}/edit")
    String edit(@PathVariable String slug, @PathVariable UUID id, @RequestParam(required = false) String content,
            @RequestParam(required = false) String kind, @RequestParam(required = false) String importance,
            @RequestParam(required = false) String layer, @RequestParam(name = "memory_type", required = false) String memoryType,
            @RequestParam(name = "if_version", required = false) String ifVersion, HttpServletRequest request,
            RedirectAttributes redirect) {
        WorkspaceCaller caller = writer(slug, request);
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        MemoryForms.putText(body, "content", content);
        MemoryForms.putText(body, "kind", kind);
        MemoryForms.putNumber(body, "importance", importance);
        MemoryForms.putText(body, "layer", layer);
        MemoryForms.putText(body, "memory_type", memoryType);
        MemoryForms.putNumber(body, "if_version", ifVersion);
        // A whole number goes as one; anything else goes as typed, for the edit's own check to refuse by name (read
        // as a number it would have become 0, and a version conflict).
        if (body.path("if_version").isNumber() && body.get("if_version").asDouble() == Math.rint(body.get("if_version").asDouble())) {
            body.put("if_version", body.get("if_version").asLong());
        }
        return done(slug, id, "Saved", curation.edit(caller, id, body, request), redirect);
    }

    @PostMapping("/app/workspaces/{slug}/memories/{id}/tags")
    String tag(@PathVariable String slug, @PathVariable UUID id, @RequestParam(name = "tags_add", required = false) String add,
            @RequestParam(name = "tags_remove", required = false) String remove, HttpServletRequest request,
            RedirectAttributes redirect) {
        WorkspaceCaller caller = writer(slug, request);
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        MemoryForms.putTags(body, "tags_add", add);
        MemoryForms.putTags(body, "tags_remove", remove);
        return done(slug, id, "Tags changed", curation.edit(caller, id, body, request), redirect);
    }

    @PostMapping("/app/workspaces/{slug}/memories/{id}/pin")
    String pin(@PathVariable String slug, @PathVariable UUID id, @RequestParam boolean pinned, HttpServletRequest request,
            RedirectAttributes redirect) {
        WorkspaceCaller caller = writer(slug, request);
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("pinned", pinned);
        return done(slug, id, pinned ? "Pinned" : "Unpinned", curation.edit(caller, id, body, request), redirect);
    }

    @PostMapping("/app/workspaces/{slug}/memories/{id}/annotations")
    String annotate(@PathVariable String slug, @PathVariable UUID id, @RequestParam String note, HttpServletRequest request,
            RedirectAttributes redirect) {
        WorkspaceCaller caller = writer(slug, request);
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("note", note);
        return done(slug, id, "Note added", curation.annotate(caller, id, body, request), redirect);
    }

    @PostMapping("/app/workspaces/{slug}/memories/{id}/status")
    String status(@PathVariable String slug, @PathVariable UUID id, @RequestParam String status,
            @RequestParam(required = false) String reason, HttpServletRequest request, RedirectAttributes redirect) {
        WorkspaceCaller caller = writer(slug, request);
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("status", status);
        MemoryForms.putText(body, "reason", reason);
        return done(slug, id, "Status changed to " + status, curation.status(caller, id, body, request), redirect);
    }

    @PostMapping("/app/workspaces/{slug}/memories/{id}/forget")
    String forget(@PathVariable String slug, @PathVariable UUID id, HttpServletRequest request, RedirectAttributes redirect) {
        WorkspaceCaller caller = writer(slug, request);
        return done(slug, id, "Forgotten", curation.forget(caller, id, false, request), redirect);
    }

    @PostMapping("/app/workspaces/{slug}/memories/{id}/restore")
    String restore(@PathVariable String slug, @PathVariable UUID id, HttpServletRequest request, RedirectAttributes redirect) {
        WorkspaceCaller caller = writer(slug, request);
        return done(slug, id, "Restored", curation.restore(caller, id, request), redirect);
    }

    /** Erased for good: there is no memory page to come back to, so the list is shown. */
    @PostMapping("/app/workspaces/{slug}/memories/{id}/erase")
    String erase(@PathVariable String slug, @PathVariable UUID id, HttpServletRequest request, RedirectAttributes redirect) {
        WorkspaceCaller caller = writer(slug, request);
        Map<String, Object> answer = curation.forget(caller, id, true, request);
        redirect.addFlashAttribute("notice", MemoryForms.notice("Memory " + id + " erased", answer));
        return "redirect:/app/workspaces/" + slug + "/memories";
    }

    private WorkspaceCaller writer(String slug, HttpServletRequest request) {
        return access.caller(slug, Scope.WRITE, request).caller();
    }

    private static String done(String slug, UUID id, String what, Map<String, Object> answer, RedirectAttributes redirect) {
        redirect.addFlashAttribute("notice", MemoryForms.notice(what, answer));
        return "redirect:/app/workspaces/" + slug + "/memories/" + id;
    }
}
