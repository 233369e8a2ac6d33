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
 * Streams every live memory of a workspace as JSON lines, oldest first, in the shape remember accepts (plus id
 * and created_at), so an export can be re-imported elsewhere. Embeddings are left out: they are derived.
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
            try (var cursor = c.dsl().select(MEMORIES.ID, MEMORIES.CONTENT, MEMORIES.KIND, MEMORIES.TAGS, MEMORIES.METADATA,
                            MEMORIES.IMPORTANCE, MEMORIES.SESSION_ID, MEMORIES.CREATED_AT)
                    .from(MEMORIES).where(MEMORIES.DELETED_AT.isNull())
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
                    line.put("created_at", r.get(MEMORIES.CREATED_AT).toString());
                    out.write(mapper.writeValueAsBytes(line));
                    out.write('\n');
                }
            }
        });
    }
}
