package com.memorylayer.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.memorylayer.launcher.TestPlatform.TestWorkspace;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Calls are audited through Kafka into the audit table by the audit-sink. */
class AuditTrailTest {

    @Test
    void successfulAndRefusedCallsAreMaterialisedAsAuditRows() throws Exception {
        TestWorkspace ws = TestPlatform.newWorkspace();
        ws.api().recallContents("anything", 1, ws.api().token(ws.api().remember("audited memory")));
        new ApiClient(TestPlatform.get().gatewayUrl(), ws.slug(), "").post("/v1/workspaces/" + ws.slug() + "/memories",
                "{\"content\":\"x\"}", Map.of("X-API-Key", "mlk_000000000000_" + "A".repeat(43)));

        List<String> rows = awaitRows(ws, 2, Duration.ofSeconds(30));

        assertThat(rows).contains("POST /v1/workspaces/{slug}/memories 202 " + ws.keyId(),
                "POST /v1/workspaces/{slug}/recall 200 " + ws.keyId());
    }

    private static List<String> awaitRows(TestWorkspace ws, int atLeast, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> rows = List.of();
        while (System.nanoTime() < deadline) {
            rows = rows(ws);
            if (rows.size() >= atLeast) {
                return rows;
            }
            Thread.sleep(200);
        }
        return rows;
    }

    private static List<String> rows(TestWorkspace ws) throws SQLException {
        try (Connection c = TestPlatform.get().postgres().dataSource().getConnection();
             PreparedStatement s = c.prepareStatement(
                     "select route, status, key_id from control.audit_events where workspace_id = ? order by occurred_at")) {
            s.setObject(1, ws.workspace().id());
            List<String> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getString(1) + " " + rs.getInt(2) + " " + rs.getString(3));
                }
            }
            return rows;
        }
    }
}
