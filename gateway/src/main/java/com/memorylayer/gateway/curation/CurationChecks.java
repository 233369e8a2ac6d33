package com.memorylayer.gateway.curation;

import com.memorylayer.gateway.memory.MemoryReads;
import com.memorylayer.gateway.tenant.Workspace;
import com.memorylayer.schemas.api.ErrorCode;
import com.memorylayer.schemas.memory.CurationSettings;
import com.memorylayer.schemas.memory.MemoryStatus;
import com.memorylayer.schemas.reads.MemoryView;
import com.memorylayer.web.error.ApiException;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * What the gateway can refuse at once, from the memory as it stands, before a command goes into the log: an unknown
 * memory, a stale version, a transition its status does not allow, a restore too late. The ingest worker checks the
 * same rules again when it applies the command, in log order; a refusal it finds then is the write's outcome
 * ({@code rejected:<reason>}), and nothing changes. The memory is the query service's answer ({@link MemoryView}).
 */
@Component
class CurationChecks {

    private final MemoryReads reads;
    private final CurationSettings settings;

    CurationChecks(MemoryReads reads, CurationSettings settings) {
        this.reads = reads;
        this.settings = settings;
    }

    MemoryView existing(Workspace workspace, UUID id) {
        return reads.row(workspace, id).orElseThrow(() ->
                new ApiException(ErrorCode.MEMORY_NOT_FOUND, "no memory " + id + " in this workspace"));
    }

    MemoryView editable(Workspace workspace, UUID id, Integer ifVersion) {
        MemoryView row = existing(workspace, id);
        if (MemoryStatus.FORGOTTEN.wire().equals(row.status())) {
            throw new ApiException(ErrorCode.MEMORY_FORGOTTEN, "memory " + id + " is forgotten; restore it first");
        }
        if (ifVersion != null && ifVersion.intValue() != row.version().intValue()) {
            throw new ApiException(ErrorCode.VERSION_CONFLICT, "memory " + id + " is at version " + row.version()
                    + ", not " + ifVersion, Map.of("field", "if_version", "version", row.version()));
        }
        return row;
    }

    void transition(MemoryView row, MemoryStatus to) {
        MemoryStatus from = MemoryStatus.of(row.status());
        if (!from.mayBecome(to)) {
            throw new ApiException(ErrorCode.INVALID_TRANSITION, "a " + from.wire() + " memory cannot become " + to.wire()
                    + (from == MemoryStatus.FORGOTTEN ? "; restore it instead" : ""),
                    Map.of("status", from.wire(), "allowed", from.next().stream().map(MemoryStatus::wire).sorted().toList()));
        }
    }

    /** A merge or supersede target: another live memory of the same workspace. */
    void target(Workspace workspace, UUID self, UUID target, String field) {
        if (target == null) {
            throw ApiException.invalidField(field, "'" + field + "' is required for this status");
        }
        if (target.equals(self)) {
            throw ApiException.invalidField(field, "a memory cannot be merged into or superseded by itself");
        }
        MemoryView row = reads.row(workspace, target).orElseThrow(() ->
                ApiException.forField(ErrorCode.MEMORY_NOT_FOUND, field, "no memory " + target + " in this workspace"));
        if (!MemoryStatus.of(row.status()).isLive()) {
            throw new ApiException(ErrorCode.INVALID_TRANSITION, "'" + field + "' must name an active or challenged memory, not a "
                    + row.status() + " one", Map.of("field", field));
        }
    }

    void restorable(MemoryView row) {
        if (!MemoryStatus.FORGOTTEN.wire().equals(row.status())) {
            throw new ApiException(ErrorCode.INVALID_TRANSITION, "only a forgotten memory can be restored; this one is "
                    + row.status(), Map.of("status", row.status(), "allowed", MemoryStatus.of(row.status()).next()
                            .stream().map(MemoryStatus::wire).sorted().toList()));
        }
        Instant until = row.forgottenAt().toInstant().plus(settings.restoreWindow());
        if (until.isBefore(Instant.now())) {
            throw new ApiException(ErrorCode.RESTORE_WINDOW_ENDED, "memory " + row.id() + " could be restored until " + until);
        }
    }
}
