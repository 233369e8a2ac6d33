package com.memorylayer.gateway.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import com.memorylayer.embedded.EmbeddedPostgresServer;
import com.memorylayer.gateway.admin.AdminCommand;
import com.memorylayer.gateway.login.UserDirectory;
import com.memorylayer.schemas.db.Migrations;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The admin CLI names people by numeric GitHub id or by login, and refuses a login that could mean two accounts. */
class AdminPersonLookupTest {

    static EmbeddedPostgresServer postgres;
    static UserDirectory users;

    @BeforeAll
    static void start() {
        postgres = EmbeddedPostgresServer.startTemporary();
        Migrations.migrateControlPlane(postgres.dataSource());
        users = new UserDirectory(DSL.using(postgres.dataSource(), SQLDialect.POSTGRES));
    }

    @AfterAll
    static void stop() {
        postgres.close();
    }

    @Test
    void aLoginHeldByTwoAccountsIsRefusedAndTheNumericIdPicksOne() {
        // One account renamed away from "octo-renamed" and another took the name; neither has signed in since.
        users.signedIn(111, "octo-renamed", null, null);
        users.signedIn(222, "octo-renamed", null, null);
        assertThat(run("create-workspace", "ops-lookup").status()).isZero();

        Output ambiguous = run("add-member", "ops-lookup", "octo-renamed", "--role", "admin");
        assertThat(ambiguous.status()).isEqualTo(1);
        assertThat(ambiguous.err()).contains("could mean more than one account").contains("[111, 222]");

        Output byId = run("add-member", "ops-lookup", "222", "--role", "admin");
        assertThat(byId.status()).as(byId.err()).isZero();
        assertThat(run("create-workspace", "ops-lookup-two", "--owner", "111").status()).isZero();
    }

    @Test
    void digitsThatAreBothAnIdAndSomeonesLoginAreAmbiguous() {
        users.signedIn(4242, "someone", null, null);
        users.signedIn(777, "4242", null, null);
        assertThat(run("create-workspace", "ops-digits").status()).isZero();

        Output refused = run("add-member", "ops-digits", "4242");
        assertThat(refused.status()).isEqualTo(1);
        assertThat(refused.err()).contains("[777, 4242]");
        assertThat(run("add-member", "ops-digits", "someone").status()).isZero();
        assertThat(run("add-member", "ops-digits", "nobody-here").err()).contains("has signed in yet");
    }

    record Output(int status, String out, String err) {
    }

    private static Output run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new AdminCommand(postgres.dataSource(), "test-secret-test-secret-test-secret").run(List.of(args),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Output(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
