package com.memorylayer.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/**
 * Nothing accepted is lost while the database cannot take a write: a workspace's table is taken away for a few
 * seconds (long past Spring Kafka's default ten quick attempts), a remember is accepted meanwhile, and once the
 * table is back the memory is there.
 */
class IngestRetryTest {

    @Test
    void aBatchThatFailsIsRetriedUntilItApplies() throws Exception {
        TestPlatform.TestWorkspace ws = TestPlatform.newWorkspace();
        DSLContext dsl = DSL.using(TestPlatform.get().postgres().dataSource(), org.jooq.SQLDialect.POSTGRES);
        String schema = ws.workspace().schema().value();
        dsl.alterTable(DSL.table(DSL.name(schema, "memories"))).renameTo(DSL.name("memories_away")).execute();
        String token;
        try {
            token = ws.api().token(ws.api().remember("Accepted while the table was away"));
            Thread.sleep(3000);
        } finally {
            dsl.alterTable(DSL.table(DSL.name(schema, "memories_away"))).renameTo(DSL.name("memories")).execute();
        }
        assertThat(ws.api().recallContents("what was accepted?", 3, token)).contains("Accepted while the table was away");
    }
}
