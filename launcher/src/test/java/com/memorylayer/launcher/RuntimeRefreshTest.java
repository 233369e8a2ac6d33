package com.memorylayer.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.memorylayer.launcher.ApiClient.Response;
import com.memorylayer.launcher.TestPlatform.TestWorkspace;
import com.memorylayer.query.runtime.WorkspaceRuntime;
import com.memorylayer.query.runtime.WorkspaceRuntimeCache;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A warm workspace runtime follows the tables: writes after it warmed up are found, a memory forgotten in Postgres
 * (the system of record) leaves default recall without a restart yet can still be asked for by status, and an
 * erased one, of which only the receipt is left, leaves the warm runtime altogether. The curation commands that
 * make these changes are tested end to end elsewhere; here the tables are changed as those commands change them.
 */
class RuntimeRefreshTest {

    @Test
    void writesAfterTheRuntimeIsWarmAreRecalled() {
        TestWorkspace ws = TestPlatform.newWorkspace();
        ws.api().recallContents("warm up", 1, ws.api().token(ws.api().remember("first memory about gardening")));

        String token = ws.api().token(ws.api().remember("second memory about sailing boats"));

        assertThat(ws.api().recallContents("sailing", 1, token)).containsExactly("second memory about sailing boats");
    }

    @Test
    void aForgottenMemoryIsNoLongerRecalledUnlessAskedForByStatus() throws Exception {
        TestWorkspace ws = TestPlatform.newWorkspace();
        var written = ws.api().remember("The temporary wifi password is hunter2");
        String token = ws.api().token(written);
        String keep = ws.api().token(ws.api().remember("The guest network is called visitors"));
        assertThat(ws.api().recallContents("wifi password", 5, keep)).contains("The temporary wifi password is hunter2");

        String schema = ws.workspace().schema().value();
        sql("update " + schema + ".memories set status = 'forgotten', forgotten_at = now(), change_seq = nextval('"
                + schema + ".memory_change_seq') where id = ?::uuid", written.body().path("id").asString());

        assertThat(ws.api().recallContents("wifi password", 5, token)).containsExactly("The guest network is called visitors");
        Response forgotten = ws.api().recall(Map.of("query", "wifi password", "limit", 5, "filters", Map.of("status", "forgotten")));
        assertThat(contents(forgotten)).containsExactly("The temporary wifi password is hunter2");
    }

    @Test
    void anErasedMemoryLeavesTheWarmRuntime() throws Exception {
        TestWorkspace ws = TestPlatform.newWorkspace();
        var written = ws.api().remember("The front door code is 4512");
        UUID id = UUID.fromString(written.body().path("id").asString());
        String keep = ws.api().token(ws.api().remember("The garage code is 7788"));
        assertThat(ws.api().recallContents("door code", 5, keep)).contains("The front door code is 4512");
        WorkspaceRuntime runtime = TestPlatform.get().queryService().getBean(WorkspaceRuntimeCache.class)
                .get(ws.workspace().id());
        assertThat(runtime.facts(id)).isNotNull();

        // What an erasure leaves: no row, and a receipt taking the next change_seq.
        String schema = ws.workspace().schema().value();
        sql("with gone as (delete from " + schema + ".memories where id = ?::uuid returning id) insert into " + schema
                + ".erasures (memory_id, event_id, erased_at, reason, stores, command_log_until)"
                + " select id, gen_random_uuid(), now(), 'test', '{postgres}', now() from gone", id.toString());

        Response anyStatus = ws.api().recall(Map.of("query", "front door code", "limit", 5, "filters", Map.of("status",
                List.of("active", "challenged", "invalidated", "superseded", "merged", "forgotten"))));
        assertThat(contents(anyStatus)).containsExactly("The garage code is 7788");
        assertThat(runtime.facts(id)).isNull();
    }

    private static List<String> contents(Response response) {
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        List<String> contents = new ArrayList<>();
        response.body().path("results").forEach(r -> contents.add(r.path("content").asString()));
        return contents;
    }

    private static void sql(String statement, String id) throws Exception {
        try (Connection c = TestPlatform.get().postgres().dataSource().getConnection();
             PreparedStatement s = c.prepareStatement(statement)) {
            s.setString(1, id);
            assertThat(s.executeUpdate()).isEqualTo(1);
        }
    }
}
