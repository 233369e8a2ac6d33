package com.memorylayer.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.memorylayer.embedded.EmbeddedPostgresServer;
import com.memorylayer.embedded.EmbeddedPostgresServer.Durability;
import com.memorylayer.embedded.FreePort;
import com.memorylayer.launcher.ports.PortInUseException;
import com.memorylayer.launcher.postgres.RestartPolicy;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A port the dev platform needs, held by something else, is named in the launcher's message with who holds it and
 * the variable that moves it — never "Postgres did not start" or a stack trace — and nothing is left running.
 */
class HeldPortTest {

    @Test
    void aPostgresOfAnotherDataDirectoryOnThePortIsNamedWithTheVariableThatMovesIt() throws Exception {
        Path otherData = TestPlatform.tempDirectory();
        int port = FreePort.pick();
        // What an earlier launcher of another data directory leaves behind: its Postgres, still serving the port.
        try (EmbeddedPostgresServer stranger = EmbeddedPostgresServer.start(otherData.resolve("postgres"), port, Durability.FAST)) {
            Path data = TestPlatform.tempDirectory();
            Path out = data.resolveSibling(data.getFileName() + ".out");
            Path err = data.resolveSibling(data.getFileName() + ".err");
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx512m", "-cp", System.getProperty("java.class.path"), MemorylayerLauncher.class.getName(), "up")
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().put("MEMORYLAYER_DATA_DIR", data.toString());
            builder.environment().put("MEMORYLAYER_POSTGRES_PORT", Integer.toString(port));
            builder.environment().put("MEMORYLAYER_KAFKA_PORT", Integer.toString(FreePort.pick()));
            builder.environment().put("MEMORYLAYER_PORT", Integer.toString(FreePort.pick()));
            builder.environment().put("MEMORYLAYER_QUERY_PORT", Integer.toString(FreePort.pick()));
            Process launcher = builder.start();
            boolean ended = launcher.waitFor(60, TimeUnit.SECONDS);
            if (!ended) {
                launcher.destroyForcibly();
            }
            String stdout = Files.readString(out, StandardCharsets.UTF_8);
            String stderr = Files.readString(err, StandardCharsets.UTF_8);
            assertThat(ended).as("the launcher ends on its own; stderr: %s", stderr).isTrue();
            assertThat(launcher.exitValue()).isEqualTo(1);
            assertThat(stdout).doesNotContain("MEMORYLAYER_READY");
            assertThat(stderr).contains("port " + port + " (Postgres, MEMORYLAYER_POSTGRES_PORT) is already in use by pid "
                    + stranger.postmasterPid() + " (")
                    .contains("postgres")
                    .contains("MEMORYLAYER_POSTGRES_PORT=<another port> (0 picks a free one)")
                    .doesNotContain("Exception")
                    .doesNotContain("\tat ")
                    .doesNotContain("Postgres did not start");
            // The stranger was left alone, and this launcher started no Postgres of its own.
            assertThat(ProcessHandle.of(stranger.postmasterPid()).map(ProcessHandle::isAlive)).contains(true);
            assertThat(data.resolve("postgres").resolve("postmaster.pid")).doesNotExist();
        }
    }

    @Test
    void eachHeldPortIsRefusedBeforeAnythingStarts() throws IOException {
        for (String held : List.of("MEMORYLAYER_KAFKA_PORT", "MEMORYLAYER_PORT", "MEMORYLAYER_QUERY_PORT")) {
            Path data = TestPlatform.tempDirectory();
            try (ServerSocket holder = new ServerSocket()) {
                holder.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                int port = holder.getLocalPort();
                PlatformSettings settings = new PlatformSettings(data, data.resolve("models"), "127.0.0.1",
                        held.equals("MEMORYLAYER_PORT") ? port : 0, held.equals("MEMORYLAYER_QUERY_PORT") ? port : 0,
                        held.equals("MEMORYLAYER_KAFKA_PORT") ? port : 0, 0, Durability.FAST, false, RestartPolicy.DEFAULT);
                assertThatThrownBy(() -> Platform.start(settings).close())
                        .isInstanceOf(PortInUseException.class)
                        .hasMessageContaining("port " + port + " (")
                        .hasMessageContaining(held + ") is already in use by pid " + ProcessHandle.current().pid())
                        .hasMessageContaining(held + "=<another port>");
                assertThat(data.resolve("postgres").resolve("postmaster.pid")).as("no Postgres was started").doesNotExist();
            }
        }
    }

    @Test
    void onePortSetForTwoServicesIsRefused() {
        Path data = TestPlatform.tempDirectory();
        int port = FreePort.pick();
        PlatformSettings settings = new PlatformSettings(data, data.resolve("models"), "127.0.0.1", port, port, 0, 0,
                Durability.FAST, false, RestartPolicy.DEFAULT);
        assertThatThrownBy(() -> Platform.start(settings).close())
                .isInstanceOf(PortInUseException.class)
                .hasMessageContaining("port " + port + " is set for both the gateway (MEMORYLAYER_PORT) and the query service (MEMORYLAYER_QUERY_PORT)");
    }
}
