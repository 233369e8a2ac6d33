package com.memorylayer.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Calls the public HTTP API the way a client would: real sockets, real JSON. */
final class ApiClient {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;
    private final String slug;
    private final String key;

    ApiClient(String baseUrl, String slug, String key) {
        this.baseUrl = baseUrl;
        this.slug = slug;
        this.key = key;
    }

    record Response(int status, JsonNode body, String raw, java.net.http.HttpHeaders headers) {
        String code() {
            return body == null ? null : body.path("code").asString();
        }
    }

    /** A body as the API reads it. */
    static String json(Object body) {
        return JSON.writeValueAsString(body);
    }

    String key() {
        return key;
    }

    Response remember(Object body) {
        return post("/v1/workspaces/" + slug + "/memories", JSON.writeValueAsString(body), Map.of("X-API-Key", key));
    }

    Response remember(String content) {
        return remember(Map.of("content", content));
    }

    Response recall(Object body) {
        return post("/v1/workspaces/" + slug + "/recall", JSON.writeValueAsString(body), Map.of("Authorization", "Bearer " + key));
    }

    /** GET on one of this workspace's routes, e.g. {@code /audit?limit=2}, with this client's key. */
    Response get(String workspaceRoute) {
        return send("/v1/workspaces/" + slug + workspaceRoute, "GET", (String) null, null, Map.of("Authorization", "Bearer " + key));
    }

    /** Recall that waits for the write behind {@code token}; returns the result contents best first. */
    List<String> recallContents(String query, int limit, String token) {
        Response response = recall(token == null ? Map.of("query", query, "limit", limit)
                : Map.of("query", query, "limit", limit, "consistency_token", token));
        if (response.status() != 200) {
            throw new AssertionError("recall answered " + response.status() + ": " + response.raw());
        }
        List<String> contents = new ArrayList<>();
        response.body().path("results").forEach(r -> contents.add(r.path("content").asString()));
        return contents;
    }

    Response post(String path, String body, Map<String, String> headers) {
        return send(path, "POST", body, "application/json", headers);
    }

    /** Sends the body without a Content-Length (chunked), as a streaming client would. */
    Response postChunked(String path, byte[] body, Map<String, String> headers) {
        return send(path, "POST", HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body)),
                "application/json", headers);
    }

    Response send(String path, String method, String body, String contentType, Map<String, String> headers) {
        return send(path, method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body),
                contentType, headers);
    }

    private Response send(String path, String method, HttpRequest.BodyPublisher body, String contentType,
            Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(60))
                .method(method, body);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = null;
            try {
                json = response.body().isEmpty() ? null : JSON.readTree(response.body());
            } catch (RuntimeException notJson) {
                json = null;
            }
            return new Response(response.statusCode(), json, response.body(), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    String token(Response rememberResponse) {
        if (rememberResponse.status() != 202) {
            throw new AssertionError("remember answered " + rememberResponse.status() + ": " + rememberResponse.raw());
        }
        return rememberResponse.body().path("consistency_token").asString();
    }
}
