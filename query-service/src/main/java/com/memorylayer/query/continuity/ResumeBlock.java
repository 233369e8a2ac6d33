package com.memorylayer.query.continuity;

import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import com.memorylayer.query.recall.TokenEncodings;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * A handoff packet as the first lines of a new session's prompt: its summary, then what was in progress, decided,
 * learned from errors and left open, within a token budget counted with the named tokenizer. Lines go in that
 * order until the next would not fit; the block is never over the budget.
 */
@Component
class ResumeBlock {

    private final TokenEncodings encodings;

    ResumeBlock(TokenEncodings encodings) {
        this.encodings = encodings;
    }

    record Built(String context, int tokens, String encoding) {
    }

    Built build(JsonNode packet, int maxTokens, EncodingType type) {
        Encoding encoding = encodings.of(type);
        List<String> lines = lines(packet);
        StringBuilder block = new StringBuilder();
        int kept = 0;
        for (String line : lines) {
            String next = line + "\n";
            if (encoding.countTokensOrdinary(block + next) > maxTokens) {
                break;
            }
            block.append(next);
            kept++;
        }
        String context = kept == 0 ? "" : block.toString();
        return new Built(context, context.isEmpty() ? 0 : encoding.countTokensOrdinary(context), type.getName());
    }

    private static List<String> lines(JsonNode packet) {
        List<String> lines = new ArrayList<>();
        lines.add("Where session " + packet.path("session_id").asString("") + " left off (" + packet.path("generated_at").asString("")
                + "):");
        for (String line : packet.path("summary").asString("").split("\n")) {
            if (!line.isBlank()) {
                lines.add(line);
            }
        }
        section(lines, "In progress", packet.path("current_state"), false);
        section(lines, "Decisions", packet.path("decisions"), true);
        section(lines, "Errors to avoid", packet.path("errors"), true);
        section(lines, "Open loops", packet.path("open_loops"), false);
        section(lines, "Facts", packet.path("facts"), true);
        section(lines, "Recent work", packet.path("recent_work"), true);
        section(lines, "Suggested queries", packet.path("suggested_queries"), false);
        return lines;
    }

    private static void section(List<String> lines, String title, JsonNode items, boolean memories) {
        if (!items.isArray() || items.isEmpty()) {
            return;
        }
        lines.add(title + ":");
        for (JsonNode item : items) {
            lines.add(memories ? "- [" + item.path("id").asString("") + "] " + item.path("content").asString("")
                    : "- " + item.asString(""));
        }
    }
}
