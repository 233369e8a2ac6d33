package com.memorylayer.gateway.workspace;

import com.memorylayer.gateway.access.MemberRole;
import com.memorylayer.gateway.access.RequiresScope;
import com.memorylayer.gateway.access.Scope;
import com.memorylayer.gateway.access.WorkspaceCaller;
import com.memorylayer.gateway.login.SignedInUser;
import com.memorylayer.gateway.login.SignedInUsers;
import com.memorylayer.gateway.members.MemberDirectory;
import com.memorylayer.gateway.ratelimit.WorkspaceCreationLimit;
import com.memorylayer.gateway.tenant.Workspace;
import com.memorylayer.gateway.tenant.WorkspaceSlots;
import com.memorylayer.schemas.api.ErrorCode;
import com.memorylayer.web.error.ApiException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Workspaces: list yours, create (you become its owner), read, rename, export, delete. */
@RestController
class WorkspacesController {

    private static final Logger log = LoggerFactory.getLogger(WorkspacesController.class);

    private final WorkspaceProvisioner provisioner;
    private final MemberDirectory members;
    private final WorkspaceStats stats;
    private final WorkspaceExport export;
    private final WorkspaceCreationLimit creations;

    WorkspacesController(WorkspaceProvisioner provisioner, MemberDirectory members, WorkspaceStats stats,
            WorkspaceExport export, WorkspaceCreationLimit creations) {
        this.creations = creations;
        this.provisioner = provisioner;
        this.members = members;
        this.stats = stats;
        this.export = export;
    }

    record WorkspaceSummary(UUID id, String slug, String name, String role) {
    }

    /** @param memoryCount the workspace's memories not forgotten; null while its read side (the query service) does not answer */
    record WorkspaceDetail(UUID id, String slug, String name, String role, Integer memoryCount) {
    }

    record NewWorkspace(String slug, String name) {
    }

    record Rename(String name) {
    }

    /** The signed-in person's workspaces, with their role in each. */
    @GetMapping("/v1/workspaces")
    List<WorkspaceSummary> list() {
        SignedInUser person = SignedInUsers.current().orElseThrow(WorkspacesController::signInRequired);
        return members.membershipsOf(person.id()).stream().map(m -> new WorkspaceSummary(m.workspace().id(),
                m.workspace().slug(), m.workspace().name(), m.role().wireName())).toList();
    }

    @PostMapping("/v1/workspaces")
    ResponseEntity<WorkspaceSummary> create(@RequestBody NewWorkspace body) {
        SignedInUser person = SignedInUsers.current().orElseThrow(WorkspacesController::signInRequired);
        creations.take(person.id());
        Workspace created = provisioner.createValidated(body.slug(), body.name(), person.id());
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(new WorkspaceSummary(created.id(), created.slug(), created.name(), MemberRole.OWNER.wireName()));
    }

    @GetMapping("/v1/workspaces/{slug}")
    @RequiresScope(Scope.READ)
    WorkspaceDetail get(WorkspaceCaller caller) {
        Workspace w = caller.workspace();
        return new WorkspaceDetail(w.id(), w.slug(), w.name(), caller.role() == null ? null : caller.role().wireName(),
                stats.memoryCount(w));
    }

    @PatchMapping("/v1/workspaces/{slug}")
    @RequiresScope(value = Scope.ADMIN, people = true)
    WorkspaceSummary rename(@RequestBody Rename body, WorkspaceCaller caller) {
        WorkspaceProvisioner.checkName(body.name(), true);
        provisioner.rename(caller.workspace().id(), body.name());
        return new WorkspaceSummary(caller.workspace().id(), caller.workspace().slug(), body.name().strip(),
                caller.role().wireName());
    }

    /** Deletes the workspace and every memory in it; owners only. */
    @DeleteMapping("/v1/workspaces/{slug}")
    @RequiresScope(value = Scope.ADMIN, people = true)
    ResponseEntity<Void> delete(WorkspaceCaller caller) {
        if (caller.role() != MemberRole.OWNER) {
            throw new ApiException(ErrorCode.INSUFFICIENT_SCOPE, "only an owner deletes a workspace");
        }
        provisioner.delete(caller.workspace());
        return ResponseEntity.noContent().build();
    }

    /** Every live memory as JSON lines. */
    @GetMapping(path = "/v1/workspaces/{slug}/export", produces = "application/x-ndjson")
    @RequiresScope(Scope.ADMIN)
    void export(WorkspaceCaller caller, HttpServletResponse response) throws IOException {
        Workspace workspace = caller.workspace();
        try (WorkspaceSlots.Slot slot = export.begin(workspace)) {
            // Opened before anything is written: a refusal of the query service is still an error answer.
            InputStream lines = export.open(workspace);
            response.setContentType("application/x-ndjson");
            response.setCharacterEncoding("UTF-8");
            response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + workspace.slug() + "-memories.jsonl\"");
            export.write(lines, response.getOutputStream());
        } catch (IOException e) {
            // The client went away mid-download: nothing to answer, and nothing worth an incident.
            log.debug("export of {} ended early: {}", workspace.slug(), e.toString());
        }
    }

    static ApiException signInRequired() {
        return new ApiException(ErrorCode.SIGN_IN_REQUIRED,
                "sign in to list or create workspaces; keys belong to one workspace already");
    }
}
