// Java 21+, no dependencies; needs MEMORYLAYER_URL, MEMORYLAYER_WORKSPACE and MEMORYLAYER_API_KEY.
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

public class Recall {
    public static void main(String[] args) throws Exception {
        String url = "%s/v1/workspaces/%s/mcp".formatted(System.getenv("MEMORYLAYER_URL"), System.getenv("MEMORYLAYER_WORKSPACE"));
        String body = """
                {"jsonrpc": "2.0", "id": 1, "method": "tools/call",
                 "params": {"name": "recall", "arguments": {"query": "open incidents", "top_k": 5}}}
                """;
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + System.getenv("MEMORYLAYER_API_KEY"))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        System.out.println(HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body());
    }
}
