package com.memorylayer.bench.locomo;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * LoCoMo's ten conversations as the benchmark protocol reads them: one memory per dialog turn, text
 * {@code Speaker said, "text"} plus {@code  and shared <caption>} for a shared image, the session's date as the
 * memory's time.
 */
public record LocomoData(List<Conversation> conversations, JsonNode raw) {

    public record Turn(String diaId, String session, String text, Instant time) {
    }

    /** @param evidence the dia ids of the turns that answer it */
    public record Question(int index, String question, int category, List<String> evidence) {
    }

    public record Conversation(int position, String sampleId, List<Turn> turns, List<Question> questions) {
    }

    private static final Pattern SESSION = Pattern.compile("session_(\\d+)");
    private static final DateTimeFormatter DATE = new DateTimeFormatterBuilder().parseCaseInsensitive()
            .appendPattern("h:mm a 'on' d MMMM, yyyy").toFormatter(Locale.ENGLISH);

    public static LocomoData load(Path file) throws IOException {
        JsonNode root = JsonMapper.builder().build().readTree(file.toFile());
        List<Conversation> conversations = new ArrayList<>();
        int position = 0;
        for (JsonNode sample : root) {
            JsonNode conversation = sample.get("conversation");
            List<Integer> sessions = new ArrayList<>();
            for (String key : conversation.propertyNames()) {
                Matcher m = SESSION.matcher(key);
                if (m.matches()) {
                    sessions.add(Integer.parseInt(m.group(1)));
                }
            }
            sessions.sort(Integer::compare);
            List<Turn> turns = new ArrayList<>();
            for (int n : sessions) {
                Instant time = LocalDateTime.parse(conversation.get("session_" + n + "_date_time").asString(), DATE)
                        .toInstant(ZoneOffset.UTC);
                for (JsonNode turn : conversation.get("session_" + n)) {
                    String text = turn.get("speaker").asString() + " said, \"" + turn.get("text").asString() + "\"";
                    if (turn.has("blip_caption")) {
                        text += " and shared " + turn.get("blip_caption").asString();
                    }
                    turns.add(new Turn(turn.get("dia_id").asString(), "D" + n, text, time));
                }
            }
            List<Question> questions = new ArrayList<>();
            int qi = 0;
            for (JsonNode qa : sample.get("qa")) {
                List<String> evidence = new ArrayList<>();
                qa.path("evidence").forEach(e -> evidence.add(e.asString()));
                questions.add(new Question(qi++, qa.get("question").asString(), qa.get("category").asInt(), evidence));
            }
            conversations.add(new Conversation(position++, sample.get("sample_id").asString(), turns, questions));
        }
        return new LocomoData(conversations, root);
    }
}
