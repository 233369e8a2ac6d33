package com.memorylayer.gateway.memory;

import com.memorylayer.schemas.api.ErrorCode;
import com.memorylayer.web.error.ApiException;
import java.net.http.HttpClient;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * Passes a recall to the query service and its answer — result or error, status and body — back unchanged.
 * The query service owns the recall contract and its validation; the gateway only adds who is asking.
 */
@Component
class RecallForwarder {

    private final RestClient client;

    RecallForwarder(QueryServiceProperties properties) {
        // Plain HTTP/1.1: the query service speaks nothing else, and the JDK client would otherwise offer an h2c
        // upgrade on every request.
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.connectTimeout()).build();
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(http);
        factory.setReadTimeout(properties.readTimeout());
        this.client = RestClient.builder().baseUrl(properties.url()).requestFactory(factory).build();
    }

    ResponseEntity<byte[]> recall(UUID workspaceId, byte[] body) {
        try {
            return client.post().uri("/internal/v1/workspaces/{id}/recall", workspaceId)
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(body)
                    .exchange((request, response) -> {
                        HttpStatusCode status = response.getStatusCode();
                        byte[] bytes = response.getBody().readAllBytes();
                        ResponseEntity.BodyBuilder answer = ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON);
                        // "Not now" refusals (busy consistency waits) say when to come back.
                        String retryAfter = response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER);
                        if (retryAfter != null) {
                            answer.header(HttpHeaders.RETRY_AFTER, retryAfter);
                        }
                        return answer.body(bytes);
                    });
        } catch (ResourceAccessException e) {
            throw new ApiException(ErrorCode.QUERY_SERVICE_UNAVAILABLE,
                    "the query service is not answering; retry shortly");
        }
    }
}
