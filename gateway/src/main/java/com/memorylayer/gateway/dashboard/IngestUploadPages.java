package com.memorylayer.gateway.dashboard;

import com.memorylayer.gateway.access.Scope;
import com.memorylayer.gateway.access.WorkspaceCaller;
import com.memorylayer.gateway.ingest.IngestRoutes;
import com.memorylayer.schemas.reads.ingest.IngestRunView;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Ingesting a file from the dashboard: the file's text (read in the browser by {@code /js/ingest-upload.js}, or pasted:
 * the gateway takes no multipart bodies) is previewed as {@code POST /ingest/preview} splits it, then sent as one
 * run ({@code POST /ingest}, closed at once: the file is all there is), whose page shows a progress bar that
 * {@code /js/ingest-progress.js} moves by polling the run's progress as JSON. Each step is the API route's own code,
 * with its {@code write} scope (reading the run: {@code read}).
 */
@Controller
class IngestUploadPages {

    private final DashboardAccess access;
    private final IngestRoutes ingest;

    IngestUploadPages(DashboardAccess access, IngestRoutes ingest) {
        this.access = access;
        this.ingest = ingest;
    }

    /** The upload form, apart from the runs page: that one refreshes itself while a run is unfinished. */
    @GetMapping("/app/workspaces/{slug}/ingest/upload")
    String upload(@PathVariable String slug, Model model, HttpServletRequest request) {
        model.addAttribute("membership", access.caller(slug, Scope.WRITE, request).membership());
        return "ingest-upload";
    }

    @PostMapping("/app/workspaces/{slug}/ingest/preview")
    String preview(@PathVariable String slug, @RequestParam String content, @RequestParam(name = "split_mode") String splitMode,
            @RequestParam(name = "source_name", required = false) String sourceName, Model model, HttpServletRequest request) {
        DashboardAccess.Admitted admitted = access.caller(slug, Scope.WRITE, request);
        model.addAttribute("membership", admitted.membership());
        model.addAttribute("preview", ingest.preview(body(content, splitMode, sourceName)));
        model.addAttribute("content", content);
        model.addAttribute("splitMode", splitMode);
        model.addAttribute("sourceName", sourceName == null ? "" : sourceName);
        return "ingest-preview";
    }

    @PostMapping("/app/workspaces/{slug}/ingest/start")
    String start(@PathVariable String slug, @RequestParam String content, @RequestParam(name = "split_mode") String splitMode,
            @RequestParam(name = "source_name", required = false) String sourceName, HttpServletRequest request) {
        WorkspaceCaller caller = access.caller(slug, Scope.WRITE, request).caller();
        Map<String, Object> accepted = ingest.ingest(caller, body(content, splitMode, sourceName), request);
        UUID runId = UUID.fromString(String.valueOf(accepted.get("run_id")));
        ingest.close(caller, runId);
        return "redirect:/app/workspaces/" + slug + "/ingest/runs/" + runId;
    }

    @GetMapping("/app/workspaces/{slug}/ingest/runs/{runId}")
    String run(@PathVariable String slug, @PathVariable UUID runId, Model model, HttpServletRequest request) {
        DashboardAccess.Admitted admitted = access.caller(slug, Scope.READ, request);
        model.addAttribute("membership", admitted.membership());
        model.addAttribute("run", ingest.run(admitted.caller(), runId));
        return "ingest-run";
    }

    /** What the run page's script polls: the run as {@code GET /ingest/runs/{id}} answers it. */
    @GetMapping("/app/workspaces/{slug}/ingest/runs/{runId}/progress")
    @ResponseBody
    IngestRunView progress(@PathVariable String slug, @PathVariable UUID runId, HttpServletRequest request) {
        return ingest.run(access.caller(slug, Scope.READ, request).caller(), runId);
    }

    private static ObjectNode body(String content, String splitMode, String sourceName) {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("content", content);
        MemoryForms.putText(body, "split_mode", splitMode);
        MemoryForms.putText(body, "source_name", sourceName);
        return body;
    }
}
