package com.memorylayer.gateway.health;

import com.memorylayer.gateway.reads.QueryReads;
import com.memorylayer.schemas.reads.stats.RuntimeState;
import com.memorylayer.web.error.ApiException;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Asks the query service (the replica the workspace's reads go to) how it holds one workspace's runtime; an
 * unreachable service is said so ({@code reachable} false), not thrown.
 */
@Component
public class QueryServiceRuntime {

    private final QueryReads reads;

    QueryServiceRuntime(QueryReads reads) {
        this.reads = reads;
    }

    public RuntimeState state(UUID workspaceId) {
        try {
            return reads.get(workspaceId, "/runtime", RuntimeState.class);
        } catch (ApiException e) {
            return new RuntimeState(false, false, null, null, null, null, 0);
        }
    }
}
