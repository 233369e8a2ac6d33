package com.memorylayer.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.memorylayer.gateway.access.Scope;
import com.memorylayer.launcher.TestPlatform.TestWorkspace;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** {@code ./memorylayer ingest} and {@code import} against the running platform, as a person would use them. */
class FileUploadTest {

    @TempDir
    Path files;

    private record Outcome(int exit, String out, String err) {
    }

    private static Outcome upload(String command, Path file, TestWorkspace ws, String... extra) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> args = new java.util.ArrayList<>(List.of(file.toString(), "--workspace", ws.slug(), "--key", ws.key(),
                "--url", TestPlatform.get().gatewayUrl()));
        args.addAll(List.of(extra));
        int exit = new FileUpload(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                .upload(PlatformSettings.ephemeral(TestPlatform.tempDirectory(), TestPlatform.MODELS), command, args);
        return new Outcome(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aMarkdownFileIsIngestedAsOneRunWithAProgressBarAndExitsZero() throws Exception {
        TestWorkspace ws = TestPlatform.newWorkspace();
        Path notes = files.resolve("notes.md");
        Files.writeString(notes, "# Team\n\nCarol leads the search team.\n\n# Services\n\nThe indexer runs every ten minutes.\n");

        Outcome outcome = upload("ingest", notes, ws);

        assertThat(outcome.exit()).as(outcome.err()).isZero();
        assertThat(outcome.err()).contains("[##############################] 2/2 items applied");
        assertThat(outcome.out()).contains("completed, 2 stored, 0 merged, 0 rejected");
        JsonNode runs = ws.api().get("/ingest/runs").body();
        assertThat(runs.path("runs").get(0).path("source_name").asString()).isEqualTo("notes.md");
        assertThat(ws.api().recallContents("how often does the indexer run", 1, null).getFirst()).contains("every ten minutes");
    }

    @Test
    void rejectedItemsAreListedAndTheExitCodeSaysSo() throws Exception {
        TestWorkspace ws = TestPlatform.newWorkspace();
        Path items = files.resolve("items.json");
        Files.writeString(items, "[\"A fine note\", {\"content\": \"\"}, {\"content\": \"Another fine note\", \"importance\": 7}]");

        Outcome outcome = upload("ingest", items, ws);

        assertThat(outcome.exit()).isEqualTo(1);
        assertThat(outcome.out()).contains("completed_with_errors, 1 stored, 0 merged, 2 rejected");
        assertThat(outcome.err()).contains("item 1: invalid_request").contains("item 2: invalid_request").contains("importance");
    }

    @Test
    void anExportFileIsImportedIntoAnotherWorkspace() throws Exception {
        Set<Scope> all = Set.of(Scope.READ, Scope.WRITE, Scope.ADMIN);
        TestWorkspace source = TestPlatform.newWorkspace(all);
        for (String content : List.of("Dana moved the standup to 9:30", "The VPN certificate expires in March")) {
            assertThat(source.api().post("/v1/workspaces/" + source.slug() + "/memories?wait=true",
                    ApiClient.json(Map.of("content", content)), Map.of("X-API-Key", source.key())).status()).isEqualTo(200);
        }
        assertThat(source.api().post("/v1/workspaces/" + source.slug() + "/sessions/s-9/diary?wait=true",
                ApiClient.json(Map.of("entry", "moved the standup")), Map.of("X-API-Key", source.key())).status()).isEqualTo(200);
        Path export = files.resolve("backup.jsonl");
        Files.writeString(export, source.api().send("/v1/workspaces/" + source.slug() + "/export", "GET", null, null,
                Map.of("X-API-Key", source.key())).raw());
        TestWorkspace target = TestPlatform.newWorkspace(all);

        Outcome outcome = upload("import", export, target);

        assertThat(outcome.exit()).as(outcome.err()).isZero();
        assertThat(outcome.out()).contains("completed, 2 stored").contains("diary lines written: 1");
        JsonNode run = target.api().get("/ingest/runs").body().path("runs").get(0);
        assertThat(run.path("kind").asString()).isEqualTo("import");
        assertThat(run.path("source_name").asString()).isEqualTo("backup.jsonl");
    }

    @Test
    void aMissingFileOrKeyIsAUsageError() {
        TestWorkspace ws = TestPlatform.newWorkspace();
        Outcome missing = upload("ingest", files.resolve("absent.md"), ws);
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("no such file");
    }

    @Test
    void aLargeTextGoesInPartsCutAtBlankLinesAndCsvPartsKeepTheirHeader() {
        StringBuilder text = new StringBuilder();
        while (text.length() < 2 * FileUpload.MAX_REQUEST_BYTES + 1000) {
            text.append("A paragraph of notes, number ").append(text.length()).append(".\n\n");
        }
        List<String> parts = FileUpload.parts(text.toString(), "auto");
        assertThat(parts).hasSizeGreaterThanOrEqualTo(3);
        assertThat(String.join("", parts)).isEqualTo(text.toString());
        assertThat(parts).allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(FileUpload.MAX_REQUEST_BYTES));
        assertThat(parts.subList(0, parts.size() - 1)).allSatisfy(p -> assertThat(p).endsWith("\n\n"));

        StringBuilder csv = new StringBuilder("name,value\n");
        for (int i = 0; csv.length() < FileUpload.MAX_REQUEST_BYTES + 1000; i++) {
            csv.append("row").append(i).append(',').append(i * 3).append('\n');
        }
        List<String> csvParts = FileUpload.parts(csv.toString(), "csv");
        assertThat(csvParts).hasSize(2).allSatisfy(p -> assertThat(p).startsWith("name,value\nrow"));
        List<List<String>> groups = FileUpload.groups(java.util.Collections.nCopies(2500, "é".repeat(500)));
        assertThat(groups).allSatisfy(g -> assertThat(String.join("\n", g).getBytes(StandardCharsets.UTF_8).length)
                .isLessThanOrEqualTo(FileUpload.MAX_REQUEST_BYTES));
        assertThat(groups.stream().mapToInt(List::size).sum()).isEqualTo(2500);
        assertThat(FileUpload.bar(50, 200, 10)).startsWith("[########----------------------] 50/200 items applied, 5.0/s, 30 s left");
    }
}
