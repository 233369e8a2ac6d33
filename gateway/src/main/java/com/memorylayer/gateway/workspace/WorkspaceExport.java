package com.memorylayer.gateway.workspace;

import static com.memorylayer.schemas.jooq.workspace_template.Tables.MEMORIES;

import com.memorylayer.gateway.tenant.Workspace;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Streams every memory of a workspace, whatever its status (an erased one is gone), as JSON lines, oldest first:
 * the fields remember accepts, plus id, created_at and the lifecycle (status, version, pin, where it was merged
 * or superseded, when it was forgotten), so an export can be re-imported elsewhere. Embeddings are left out: they
 * are derived.
 */
@Component
public class WorkspaceExport {

    private static final int FETCH_SIZE = 500;

    private final WorkspaceStats stats;
    private final ObjectMapper mapper;

    public WorkspaceExport(WorkspaceStats stats, ObjectMapper mapper) {
        this.stats = stats;
        this.mapper = mapper;
    }

    public void write(Workspace workspace, OutputStream out) throws IOException {
        DSLContext dsl = stats.dsl().in(workspace.schema());
        dsl.transaction(c -> {
            try (var cursor = c.dsl().selectFrom(MEMORIES)
                    .orderBy(MEMORIES.CREATED_AT, MEMORIES.ID)
                    .fetchSize(FETCH_SIZE).fetchLazy()) {
                for (var r : cursor) {
                    Map<String, Object> line = new LinkedHashMap<>();
                    line.put("id", r.get(MEMORIES.ID));
                    line.put("content", r.get(MEMORIES.CONTENT));
                    line.put("kind", r.get(MEMORIES.KIND));
                    line.put("tags", Arrays.asList(r.get(MEMORIES.TAGS)));
                    line.put("metadata", mapper.readValue(r.get(MEMORIES.METADATA).data(), JsonNode.class));
                    line.put("importance", r.get(MEMORIES.IMPORTANCE));
                    line.put("session_id", r.get(MEMORIES.SESSION_ID));
                    line.put("layer", r.get(MEMORIES.LAYER));
                    line.put("memory_type", r.get(MEMORIES.MEMORY_TYPE));
                    line.put("pinned", r.get(MEMORIES.PINNED));
                    line.put("source", r.get(MEMORIES.SOURCE));
                    line.put("status", r.get(MEMORIES.STATUS));
                    line.put("version", r.get(MEMORIES.VERSION));
                    line.put("merged_into", r.get(MEMORIES.MERGED_INTO));
                    line.put("superseded_by", r.get(MEMORIES.SUPERSEDED_BY));
                    line.put("forgotten_at", r.get(MEMORIES.FORGOTTEN_AT) == null ? null : r.get(MEMORIES.FORGOTTEN_AT).toString());
                    line.put("created_at", r.get(MEMORIES.CREATED_AT).toString());
                    line.put("updated_at", r.get(MEMORIES.UPDATED_AT).toString());
                    out.write(mapper.writeValueAsBytes(line));
                    out.write('\n');
                }
            }
        });
    }
}
