package com.memorylayer.gateway.health;

import com.memorylayer.gateway.reads.QueryReplicas;
import com.memorylayer.gateway.reads.QueryServiceProperties;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/**
 * Asks the workspace's query replica how it holds the workspace's runtime; an unreachable service is said so, not
 * thrown.
 */
@Component
class QueryServiceRuntime {

    private final HttpClient http;
    private final QueryServiceProperties properties;
    private final QueryReplicas replicas;
    private final ObjectMapper mapper;

    QueryServiceRuntime(QueryServiceProperties properties, QueryReplicas replicas, ObjectMapper mapper) {
        this.properties = properties;
        this.replicas = replicas;
        this.mapper = mapper;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(properties.connectTimeout()).build();
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> state(UUID workspaceId) {
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(replicas.order(workspaceId).getFirst() + "/internal/v1/workspaces/"
                    + workspaceId + "/runtime")).timeout(properties.readTimeout()).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                return Map.of("reachable", false, "status", answer.statusCode());
            }
            return mapper.readValue(answer.body(), Map.class);
        } catch (java.io.IOException e) {
            return Map.of("reachable", false, "error", String.valueOf(e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Map.of("reachable", false, "error", "interrupted");
        }
    }
}
