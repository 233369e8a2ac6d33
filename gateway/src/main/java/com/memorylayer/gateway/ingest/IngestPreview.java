package com.memorylayer.gateway.ingest;

import com.memorylayer.retrieval.embedding.BgeTokenizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * What a request would become, without writing anything: how many items, how much text, the largest item and the
 * first few in full with their token counts against the embedder's window, and what would be rejected.
 */
@Component
class IngestPreview {

    private final BgeTokenizer tokenizer;
    private final IngestProperties properties;

    IngestPreview(BgeTokenizer tokenizer, IngestProperties properties) {
        this.tokenizer = tokenizer;
        this.properties = properties;
    }

    Map<String, Object> of(IngestRequestParser.IngestBody parsed) {
        long characters = 0;
        int largestIndex = -1;
        int largestCharacters = -1;
        List<Map<String, Object>> first = new ArrayList<>();
        List<Map<String, Object>> rejected = new ArrayList<>();
        for (int i = 0; i < parsed.items().size(); i++) {
            IngestRequestParser.Draft draft = parsed.items().get(i);
            if (draft.rejected() != null) {
                rejected.add(Map.of("index", i, "code", draft.rejected().code(), "message", draft.rejected().message()));
                continue;
            }
            String content = draft.fields().content();
            characters += content.length();
            if (content.length() > largestCharacters) {
                largestCharacters = content.length();
                largestIndex = i;
            }
            if (first.size() < properties.previewItems()) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("index", i);
                item.put("content", content);
                item.put("characters", content.length());
                item.put("tokens", tokenizer.count(content));
                item.put("tags", draft.fields().tags());
                item.put("metadata", draft.fields().metadata());
                first.add(item);
            }
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("items", parsed.items().size());
        answer.put("characters", characters);
        if (largestIndex >= 0) {
            String largest = parsed.items().get(largestIndex).fields().content();
            answer.put("largest_item", Map.of("index", largestIndex, "characters", largest.length(), "tokens", tokenizer.count(largest)));
        }
        answer.put("window_tokens", BgeTokenizer.WINDOW);
        answer.put("first", first);
        answer.put("rejected", rejected);
        return answer;
    }
}
