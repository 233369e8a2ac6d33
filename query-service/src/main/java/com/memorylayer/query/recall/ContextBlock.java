package com.memorylayer.query.recall;

import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * A prompt-ready block of recalled memories within a token budget, counted with a named tokenizer
 * ({@link TokenEncodings}). Memories go in best first, each on a line that cites its id and date; the first one that
 * would overflow ends the block, except that a block never comes back empty when the best memory alone is too long:
 * it is cut to fit. Content that spells a special token ({@code <|endoftext|>}) is counted as the ordinary text it is
 * (jtokkit's plain count refuses it).
 */
@Component
class ContextBlock {

    private static final String HEADER = "Relevant memories, most relevant first:\n";

    private final TokenEncodings encodings;

    ContextBlock(TokenEncodings encodings) {
        this.encodings = encodings;
    }

    /** The block, its size, and the memories it cites. */
    record Built(String context, int tokens, String encoding, List<UUID> memoriesUsed) {
    }

    Built build(List<RecallResult> results, int maxTokens, EncodingType type) {
        Encoding encoding = encodings.of(type);
        StringBuilder block = new StringBuilder(HEADER);
        int tokens = encoding.countTokensOrdinary(HEADER);
        if (tokens > maxTokens) {
            return new Built("", 0, type.getName(), List.of());
        }
        List<UUID> used = new ArrayList<>();
        for (RecallResult result : results) {
            String line = line(result, result.content());
            int cost = encoding.countTokensOrdinary(line);
            if (tokens + cost > maxTokens) {
                if (used.isEmpty()) {
                    String cut = cut(encoding, result, maxTokens - tokens);
                    if (cut != null) {
                        block.append(cut);
                        tokens += encoding.countTokensOrdinary(cut);
                        used.add(result.id());
                    }
                }
                break;
            }
            block.append(line);
            tokens += cost;
            used.add(result.id());
        }
        String context = used.isEmpty() ? "" : block.toString();
        // Counted whole, as a caller would count it: joined lines may tokenize otherwise than apart. Should the whole
        // come out over the budget, the last lines go until it fits.
        int counted = used.isEmpty() ? 0 : encoding.countTokensOrdinary(context);
        while (counted > maxTokens && used.size() > 1) {
            used.removeLast();
            context = context.substring(0, context.lastIndexOf("\n- [") + 1);
            counted = encoding.countTokensOrdinary(context);
        }
        if (counted > maxTokens) {
            return new Built("", 0, type.getName(), List.of());
        }
        return new Built(context, counted, type.getName(), used);
    }

    /** The best memory's line cut to the budget, or null when not even its citation fits. */
    private static String cut(Encoding encoding, RecallResult result, int budget) {
        String content = result.content();
        int low = 0;
        int high = content.length();
        String best = null;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            String candidate = line(result, content.substring(0, mid) + "…");
            if (encoding.countTokensOrdinary(candidate) <= budget) {
                best = candidate;
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        return best;
    }

    private static String line(RecallResult result, String content) {
        return "- [" + result.id() + "] (" + result.createdAt().toLocalDate() + ") " + content.replace('\n', ' ') + "\n";
    }

    static Map<String, Object> answer(Built built, int maxTokens, long tookMs) {
        return Map.of("context", built.context(), "tokens", built.tokens(), "encoding", built.encoding(), "max_tokens", maxTokens,
                "memories_used", built.memoriesUsed(), "took_ms", tookMs);
    }
}
