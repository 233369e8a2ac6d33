package com.memorylayer.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.memorylayer.launcher.TestPlatform.TestWorkspace;
import java.sql.Connection;
import java.sql.PreparedStatement;
import org.junit.jupiter.api.Test;

/**
 * A warm workspace runtime follows the table: writes after it warmed up are found, and a memory deleted in
 * Postgres (the system of record) disappears from recall without a restart.
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
    void aDeletedMemoryIsNoLongerRecalled() throws Exception {
        TestWorkspace ws = TestPlatform.newWorkspace();
        var written = ws.api().remember("The temporary wifi password is hunter2");
        String token = ws.api().token(written);
        String keep = ws.api().token(ws.api().remember("The guest network is called visitors"));
        assertThat(ws.api().recallContents("wifi password", 5, keep)).contains("The temporary wifi password is hunter2");

        // The forget command arrives in a later issue; its effect on the table is this soft delete.
        String schema = ws.workspace().schema().value();
        try (Connection c = TestPlatform.get().postgres().dataSource().getConnection();
             PreparedStatement s = c.prepareStatement("update " + schema + ".memories set deleted_at = now(), change_seq = nextval('"
                     + schema + ".memory_change_seq') where id = ?::uuid")) {
            s.setString(1, written.body().path("id").asString());
            assertThat(s.executeUpdate()).isEqualTo(1);
        }

        assertThat(ws.api().recallContents("wifi password", 5, token)).containsExactly("The guest network is called visitors");
    }
}
