package com.memorylayer.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.memorylayer.launcher.TestPlatform.TestWorkspace;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class TenantIsolationTest {

    @Test
    void twoWorkspacesNeverSeeEachOthersMemories() {
        TestWorkspace a = TestPlatform.newWorkspace();
        TestWorkspace b = TestPlatform.newWorkspace();
        String tokenA = a.api().token(a.api().remember("Workspace A's launch code is tangerine"));
        String tokenB = b.api().token(b.api().remember("Workspace B's launch code is pistachio"));

        assertThat(a.api().recallContents("what is the launch code", 10, tokenA))
                .containsExactly("Workspace A's launch code is tangerine");
        assertThat(b.api().recallContents("what is the launch code", 10, tokenB))
                .containsExactly("Workspace B's launch code is pistachio");
    }

    @Test
    void eachWorkspacesMemoriesLiveInItsOwnSchema() throws SQLException {
        TestWorkspace a = TestPlatform.newWorkspace();
        TestWorkspace b = TestPlatform.newWorkspace();
        a.api().recallContents("x", 1, a.api().token(a.api().remember("only in a")));

        try (Connection c = TestPlatform.get().postgres().dataSource().getConnection(); Statement s = c.createStatement()) {
            assertThat(count(s, a.workspace().schema().value())).isEqualTo(1);
            assertThat(count(s, b.workspace().schema().value())).isZero();
        }
    }

    private static int count(Statement s, String schema) throws SQLException {
        try (ResultSet rs = s.executeQuery("select count(*) from " + schema + ".memories")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
