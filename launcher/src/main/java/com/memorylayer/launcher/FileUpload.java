package com.memorylayer.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ./memorylayer ingest FILE} and {@code ./memorylayer import EXPORT.jsonl}: sends a file through the public API
 * as one ingest run (in as many requests as the limits need), closes the run, and follows it to the end with a
 * progress bar on stderr. Exits 0 when every item was stored or merged, 1 when any was rejected (each listed), 2 on
 * a usage error or a refused request. A client like any other: it needs the gateway's URL and a key with the write
 * scope, by default those of the local bootstrap workspace.
 */
final class FileUpload {

    /**
     * Requests stay well under the 2,000,000-byte body limit (escaping inside JSON can double a text) and the 1,000
     * items a request may carry.
     */
    static final int MAX_REQUEST_BYTES = 900_000;
    static final int MAX_REQUEST_ITEMS = 1000;
    /** A run that makes no progress for this long is given up on (the worker may be down). */
    private static final Duration STALLED = Duration.ofMinutes(10);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration POLL = Duration.ofMillis(500);
    private static final int ERRORS_LISTED = 100;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final PrintStream out;
    private final PrintStream err;
    private String base;
    private String key;

    FileUpload(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** @param command {@code ingest} or {@code import}; @param args the file and options */
    static int run(PlatformSettings settings, String command, List<String> args, PrintStream out, PrintStream err) {
        return new FileUpload(out, err).upload(settings, command, args);
    }

    int upload(PlatformSettings settings, String command, List<String> args) {
        Map<String, String> options = new LinkedHashMap<>();
        Path file = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.startsWith("--") && i + 1 < args.size()) {
                options.put(arg.substring(2), args.get(++i));
            } else if (!arg.startsWith("--") && file == null) {
                file = Path.of(arg);
            } else {
                return usage(command, "unexpected argument " + arg);
            }
        }
        if (file == null || !Files.isRegularFile(file)) {
            return usage(command, file == null ? "name the file to send" : "no such file: " + file);
        }
        Optional<BootstrapCredentials> bootstrap = BootstrapWorkspace.read(settings.dataDirectory().resolve(BootstrapWorkspace.FILE));
        String workspace = first(options.get("workspace"), System.getenv("MEMORYLAYER_WORKSPACE"),
                bootstrap.map(BootstrapCredentials::slug).orElse(null));
        key = first(options.get("key"), System.getenv("MEMORYLAYER_API_KEY"),
                bootstrap.filter(b -> b.slug().equals(workspace)).map(BootstrapCredentials::apiKey).orElse(null));
        String url = first(options.get("url"), System.getenv("MEMORYLAYER_URL"), "http://127.0.0.1:" + settings.gatewayPort());
        if (workspace == null || key == null) {
            return usage(command, "say which workspace (--workspace) and key (--key or MEMORYLAYER_API_KEY)");
        }
        base = url.replaceAll("/+$", "") + "/v1/workspaces/" + workspace;
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return usage(command, "cannot read " + file + ": " + e.getMessage());
        }
        try {
            String runId = command.equals("import") ? sendExport(text, file) : sendText(text, file, options);
            if (runId == null) {
                // An export of sessions' diaries and no memory: the lines are written, and there is no run to follow.
                return 0;
            }
            post("/ingest/runs/" + runId + "/close", "application/json", "{}");
            return follow(runId);
        } catch (RefusedException e) {
            err.println("memorylayer " + command + ": " + e.getMessage());
            return 2;
        }
    }

    /** The file as text to split, in parts cut at blank lines (CSV parts keep the header row; JSON goes as items). */
    private String sendText(String text, Path file, Map<String, String> options) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String mode = first(options.get("split-mode"), name.endsWith(".csv") ? "csv" : name.endsWith(".json") ? "json" : "auto");
        Map<String, Object> common = new LinkedHashMap<>();
        common.put("source_name", file.getFileName().toString());
        common.put("source_type", first(options.get("source-type"), "file"));
        List<Map<String, Object>> bodies = new ArrayList<>();
        if (mode.equals("json")) {
            JsonNode array;
            try {
                array = JSON.readTree(text);
            } catch (RuntimeException e) {
                throw new RefusedException(file + " is not JSON: " + e.getMessage());
            }
            if (!array.isArray()) {
                throw new RefusedException(file + " is not a JSON array of items");
            }
            List<String> items = new ArrayList<>();
            array.forEach(item -> items.add(JSON.writeValueAsString(item)));
            for (List<String> group : groups(items)) {
                Map<String, Object> body = new LinkedHashMap<>(common);
                body.put("content", "[" + String.join(",", group) + "]");
                body.put("split_mode", "json");
                bodies.add(body);
            }
        } else {
            for (String part : parts(text, mode)) {
                Map<String, Object> body = new LinkedHashMap<>(common);
                body.put("content", part);
                body.put("split_mode", mode);
                bodies.add(body);
            }
        }
        String runId = null;
        for (Map<String, Object> body : bodies) {
            runId = sendParts(runId, body);
        }
        return runId;
    }

    /** Sends one part; a part that splits into more items than a request takes is halved and sent as two. */
    private String sendParts(String runId, Map<String, Object> body) {
        String path = runId == null ? "/ingest" : "/ingest/runs/" + runId + "/items";
        HttpResponse<String> response = send(path, "application/json", JSON.writeValueAsString(body));
        boolean tooBig = response.statusCode() == 413
                && ("too_many_items".equals(code(response)) || "payload_too_large".equals(code(response)));
        if (tooBig && !"json".equals(body.get("split_mode"))) {
            String content = (String) body.get("content");
            List<String> halves = halve(content, (String) body.get("split_mode"));
            String run = runId;
            for (String half : halves) {
                Map<String, Object> smaller = new LinkedHashMap<>(body);
                smaller.put("content", half);
                run = sendParts(run, smaller);
            }
            return run;
        }
        return accepted(response);
    }

    /** The run the export's memories went into, or null when it held diary lines only. */
    private String sendExport(String text, Path file) {
        List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
        if (lines.isEmpty()) {
            throw new RefusedException(file + " holds no export lines");
        }
        String runId = null;
        int diaryLines = 0;
        for (List<String> group : groups(lines)) {
            String query = runId == null ? "?source_name=" + URLEncoder.encode(file.getFileName().toString(), StandardCharsets.UTF_8)
                    : "?run_id=" + runId;
            JsonNode answer = JSON.readTree(acceptedBody(send("/import" + query, "application/x-ndjson", String.join("\n", group) + "\n")));
            // A part of diary lines only (they come last) starts no run and names none.
            runId = answer.path("run_id").isString() ? answer.path("run_id").asString() : runId;
            diaryLines += answer.path("diary_lines").asInt(0);
        }
        if (diaryLines > 0) {
            out.println("memorylayer import: diary lines written: " + diaryLines);
        }
        return runId;
    }

    /** Consecutive entries, at most {@link #MAX_REQUEST_ITEMS} and about {@link #MAX_REQUEST_BYTES} a group. */
    static List<List<String>> groups(List<String> entries) {
        List<List<String>> groups = new ArrayList<>();
        List<String> group = new ArrayList<>();
        long bytes = 0;
        for (String entry : entries) {
            long size = utf8Length(entry) + 1;
            if (!group.isEmpty() && (group.size() == MAX_REQUEST_ITEMS || bytes + size > MAX_REQUEST_BYTES)) {
                groups.add(group);
                group = new ArrayList<>();
                bytes = 0;
            }
            group.add(entry);
            bytes += size;
        }
        if (!group.isEmpty()) {
            groups.add(group);
        }
        return groups;
    }

    private static long utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    /** Follows the run to its end, drawing the progress bar; lists the rejected items, if any. */
    private int follow(String runId) {
        JsonNode run;
        long started = System.nanoTime();
        long lastDone = -1;
        long lastProgress = System.nanoTime();
        while (true) {
            HttpResponse<String> response = get("/ingest/runs/" + runId);
            if (response.statusCode() != 200) {
                throw new RefusedException("reading run " + runId + " answered " + response.statusCode() + ": " + response.body());
            }
            run = JSON.readTree(response.body());
            long accepted = run.path("items_accepted").asLong();
            long done = run.path("items_applied").asLong() + run.path("items_merged").asLong() + run.path("items_rejected").asLong();
            err.print("\r" + bar(done, accepted, (System.nanoTime() - started) / 1e9));
            if (run.path("finished_at").isString()) {
                break;
            }
            if (done != lastDone) {
                lastDone = done;
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > STALLED.toNanos()) {
                err.println();
                throw new RefusedException("run " + runId + " made no progress for " + STALLED.toMinutes()
                        + " minutes (is the ingest worker running?); it goes on when it can: GET " + base + "/ingest/runs/" + runId);
            }
            sleep();
        }
        err.println();
        out.println("run " + runId + ": " + run.path("status").asString() + ", " + run.path("items_applied").asLong() + " stored, "
                + run.path("items_merged").asLong() + " merged, " + run.path("items_rejected").asLong() + " rejected");
        if (run.path("items_rejected").asLong() == 0) {
            return 0;
        }
        int listed = 0;
        String cursor = null;
        do {
            JsonNode page = JSON.readTree(get("/ingest/runs/" + runId + "/items?outcome=rejected&limit=100"
                    + (cursor == null ? "" : "&cursor=" + cursor)).body());
            for (JsonNode item : page.path("items")) {
                if (listed++ < ERRORS_LISTED) {
                    err.println("item " + item.path("index").asInt() + ": " + item.path("code").asString() + " — " + item.path("message").asString());
                }
            }
            cursor = page.path("next_cursor").isString() ? page.path("next_cursor").asString() : null;
        } while (cursor != null);
        if (listed > ERRORS_LISTED) {
            err.println("... and " + (listed - ERRORS_LISTED) + " more (GET " + base + "/ingest/runs/" + runId + "/items?outcome=rejected)");
        }
        return 1;
    }

    static String bar(long done, long total, double seconds) {
        int width = 30;
        double share = total == 0 ? 0 : Math.min(1, (double) done / total);
        int filled = (int) Math.round(share * width);
        double rate = seconds > 0 ? done / seconds : 0;
        String left = rate > 0 && done < total ? String.format(Locale.ROOT, ", %.0f s left", (total - done) / rate) : "";
        return String.format(Locale.ROOT, "[%s%s] %d/%d items applied, %.1f/s%s   ", "#".repeat(filled), "-".repeat(width - filled),
                done, total, rate, left);
    }

    /**
     * The text in parts of at most {@link #MAX_REQUEST_BYTES} characters, cut at blank lines (CSV and lines: at line
     * ends, the CSV header repeated). A part of text outside ASCII may be larger in bytes; the gateway then refuses it
     * as too large and it is halved, like a part that splits into too many items.
     */
    static List<String> parts(String text, String mode) {
        if (text.length() <= MAX_REQUEST_BYTES) {
            return List.of(text);
        }
        List<String> parts = new ArrayList<>();
        String header = mode.equals("csv") ? text.substring(0, Math.max(0, text.indexOf('\n') + 1)) : "";
        String rest = text.substring(header.length());
        String cut = mode.equals("csv") || mode.equals("lines") ? "\n" : "\n\n";
        int start = 0;
        while (start < rest.length()) {
            int end = Math.min(rest.length(), start + MAX_REQUEST_BYTES - header.length());
            if (end < rest.length()) {
                int at = rest.lastIndexOf(cut, end);
                end = at > start ? at + cut.length() : end;
            }
            parts.add(header + rest.substring(start, end));
            start = end;
        }
        return parts;
    }

    private static List<String> halve(String content, String mode) {
        String header = mode.equals("csv") ? content.substring(0, Math.max(0, content.indexOf('\n') + 1)) : "";
        String rest = content.substring(header.length());
        int middle = rest.length() / 2;
        int at = rest.indexOf('\n', middle);
        at = at < 0 ? middle : at + 1;
        return List.of(header + rest.substring(0, at), header + rest.substring(at));
    }

    private String accepted(HttpResponse<String> response) {
        return JSON.readTree(acceptedBody(response)).path("run_id").asString();
    }

    private static String acceptedBody(HttpResponse<String> response) {
        if (response.statusCode() != 202) {
            throw new RefusedException("the gateway answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static String code(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body()).path("code").asString();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private HttpResponse<String> post(String path, String contentType, String body) {
        HttpResponse<String> response = send(path, contentType, body);
        if (response.statusCode() >= 300) {
            throw new RefusedException("the gateway answered " + response.statusCode() + ": " + response.body());
        }
        return response;
    }

    private HttpResponse<String> get(String path) {
        return exchange(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    private HttpResponse<String> send(String path, String contentType, String body) {
        return exchange(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
    }

    private HttpResponse<String> exchange(HttpRequest.Builder request) {
        try {
            return http.send(request.header("X-API-Key", key).timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new RefusedException("cannot reach the gateway at " + base + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RefusedException("interrupted");
        }
    }

    private int usage(String command, String problem) {
        err.println("memorylayer " + command + ": " + problem);
        err.println("usage: ./memorylayer " + command + " FILE [--workspace SLUG] [--key KEY] [--url URL]"
                + (command.equals("ingest") ? " [--split-mode auto|single|lines|paragraphs|markdown|csv|json] [--source-type TYPE]" : ""));
        return 2;
    }

    private static String first(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RefusedException("interrupted");
        }
    }

    /** The gateway refused a request, or could not be reached: nothing more is sent. */
    static final class RefusedException extends RuntimeException {
        RefusedException(String message) {
            super(message);
        }
    }
}
