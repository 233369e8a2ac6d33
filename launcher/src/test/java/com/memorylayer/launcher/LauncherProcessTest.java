package com.memorylayer.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.memorylayer.embedded.FreePort;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The launcher as a user runs it: its own process, the four lines on stdout, and a clean stop on SIGINT that
 * leaves nothing running (the Postgres postmaster is gone and no child process survives).
 */
class LauncherProcessTest {

    @Test
    void upPrintsTheConnectionLinesServesTheApiAndStopsCleanlyOnSigint() throws Exception {
        Path data = TestPlatform.tempDirectory();
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx2g", "--enable-native-access=ALL-UNNAMED", "--add-modules", "jdk.incubator.vector", "-Dai.djl.offline=true",
                "-cp", System.getProperty("java.class.path"),
                MemorylayerLauncher.class.getName(), "up");
        builder.environment().put("MEMORYLAYER_DATA_DIR", data.toString());
        builder.environment().put("MEMORYLAYER_PORT", Integer.toString(FreePort.pick()));
        builder.environment().put("MEMORYLAYER_QUERY_PORT", Integer.toString(FreePort.pick()));
        builder.environment().put("MEMORYLAYER_KAFKA_PORT", Integer.toString(FreePort.pick()));
        builder.environment().put("MEMORYLAYER_POSTGRES_PORT", Integer.toString(FreePort.pick()));
        builder.redirectError(data.resolve("launcher.log").toFile());
        Process process = builder.start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        });
        reader.start();
        try {
            Map<String, String> printed = new LinkedHashMap<>();
            while (!printed.containsKey("MEMORYLAYER_READY")) {
                String line = lines.poll(180, TimeUnit.SECONDS);
                assertThat(line).as("launcher output before ready; log in " + data.resolve("launcher.log")).isNotNull();
                int eq = line.indexOf('=');
                printed.put(eq < 0 ? line : line.substring(0, eq), eq < 0 ? "" : line.substring(eq + 1));
            }
            assertThat(printed.keySet()).containsExactly("MEMORYLAYER_URL", "MEMORYLAYER_WORKSPACE", "MEMORYLAYER_API_KEY",
                    "MEMORYLAYER_READY");

            ApiClient api = new ApiClient(printed.get("MEMORYLAYER_URL"), printed.get("MEMORYLAYER_WORKSPACE"),
                    printed.get("MEMORYLAYER_API_KEY"));
            String token = api.token(api.remember("The launcher serves the public API"));
            assertThat(api.recallContents("does the launcher serve the API", 1, token))
                    .containsExactly("The launcher serves the public API");

            // Postgres runs as a daemon of its own (pg_ctl detaches it), so it is found through its pid file.
            Path pidFile = data.resolve("postgres").resolve("postmaster.pid");
            long postmaster = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
            assertThat(ProcessHandle.of(postmaster)).as("postgres is running").hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());

            new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("stopped within 60 s of SIGINT").isTrue();
            assertThat(lines).contains("MEMORYLAYER_STOPPED");
            assertThat(Files.exists(pidFile)).as("postgres removed its pid file").isFalse();
            // The postmaster removes its pid file a moment before it exits; give it that moment.
            ProcessHandle.of(postmaster).ifPresent(p -> p.onExit().completeOnTimeout(p, 30, TimeUnit.SECONDS).join());
            assertThat(ProcessHandle.of(postmaster).filter(ProcessHandle::isAlive)).as("postmaster " + postmaster + " stopped").isEmpty();
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
