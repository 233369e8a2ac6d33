package com.memorylayer.query.recall;

import com.memorylayer.retrieval.search.RankingSettings;
import com.memorylayer.schemas.api.ErrorCode;
import com.memorylayer.schemas.memory.AgentSessions;
import com.memorylayer.schemas.memory.MemorySelection;
import com.memorylayer.web.error.ApiException;
import com.memorylayer.web.filter.MemorySelectionParser;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/** Checks a recall body field by field, naming the field that is wrong. */
@Component
public class RecallRequestParser {

    private static final Set<String> FIELDS = Set.of("query", "limit", "consistency_token", "filters", "min_score",
            "channels", "session_boost", "rerank", "mode", "session_id", "reference_date");

    static final Set<String> CHANNELS = Set.of(RankingSettings.DENSE, RankingSettings.LEXICAL, RankingSettings.CONTEXT,
            com.memorylayer.entities.recall.EntityChannel.NAME, Recaller.TIME);

    private final RecallProperties properties;
    private final ObjectMapper mapper;
    private final MemorySelectionParser filters;
    private final Set<String> defaultChannels;

    RecallRequestParser(RecallProperties properties, ObjectMapper mapper, MemorySelectionParser filters) {
        this(properties, mapper, filters, TimeRecallProperties.defaults());
    }

    @org.springframework.beans.factory.annotation.Autowired
    RecallRequestParser(RecallProperties properties, ObjectMapper mapper, MemorySelectionParser filters, TimeRecallProperties time) {
        this.properties = properties;
        this.mapper = mapper;
        this.filters = filters;
        Set<String> defaults = new LinkedHashSet<>(List.of(RankingSettings.DENSE, RankingSettings.LEXICAL));
        if (properties.contextWeight() > 0) {
            defaults.add(RankingSettings.CONTEXT);
        }
        if (time.weight() > 0) {
            defaults.add(Recaller.TIME);
        }
        this.defaultChannels = Set.copyOf(defaults);
    }

    RecallRequest parse(byte[] body) {
        return parse(object(body, false));
    }

    /** A recall request from a body already read as a JSON object. */
    RecallRequest parse(JsonNode tree) {
        onlyFields(tree, FIELDS);
        String query = query(tree, "query");
        int limit = limit(tree);
        String token = null;
        JsonNode tokenNode = tree.get("consistency_token");
        if (tokenNode != null && !tokenNode.isNull()) {
            if (!tokenNode.isString()) {
                throw ApiException.invalidField("consistency_token", "'consistency_token' must be a string");
            }
            token = tokenNode.asString();
        }
        Double minScore = null;
        JsonNode minScoreNode = tree.get("min_score");
        if (minScoreNode != null && !minScoreNode.isNull()) {
            if (!minScoreNode.isNumber() || minScoreNode.asDouble() < 0 || minScoreNode.asDouble() > 1) {
                throw ApiException.invalidField("min_score", "'min_score' must be a number from 0 to 1");
            }
            minScore = minScoreNode.asDouble();
        }
        return new RecallRequest(query, limit, token, filters.parse(tree.get("filters")), mode(tree.get("mode")),
                minScore, channels(tree.get("channels")), flag(tree, "session_boost"), flag(tree, "rerank"),
                sessionId(tree.get("session_id")), referenceDate(tree.get("reference_date")));
    }

    /**
     * A date ({@code 2023-05-08}, a UTC day) or a time with its offset ({@code 2023-05-08T22:00:00-08:00}: that day,
     * with days running from the asker's midnight), or null.
     */
    static OffsetDateTime referenceDate(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isString()) {
            String text = node.asString();
            try {
                OffsetDateTime time = text.length() == 10 ? LocalDate.parse(text).atStartOfDay().atOffset(ZoneOffset.UTC)
                        : OffsetDateTime.parse(text);
                // Windows are reckoned a year or so either side; the years Postgres and people use are enough.
                if (time.getYear() >= 1 && time.getYear() <= 9_999) {
                    return time;
                }
            } catch (DateTimeException e) {
                // refused below
            }
        }
        throw ApiException.invalidField("reference_date", "'reference_date' must be a date (2023-05-08) or an ISO-8601 instant");
    }

    /** The agent session a request names, or null. */
    static String sessionId(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isString()) {
            throw ApiException.invalidField("session_id", "'session_id' must be a string");
        }
        AgentSessions.problem(node.asString()).ifPresent(problem -> {
            throw ApiException.invalidField("session_id", problem);
        });
        return node.asString();
    }

    /**
     * The body as a JSON object; an empty body is refused unless {@code emptyIsObject}, when it reads as {@code {}}.
     */
    public ObjectNode object(byte[] body, boolean emptyIsObject) {
        if (body == null || body.length == 0) {
            if (emptyIsObject) {
                return mapper.createObjectNode();
            }
            throw new ApiException(ErrorCode.INVALID_JSON, "the body must be a JSON object");
        }
        JsonNode tree;
        try {
            tree = mapper.readTree(body);
        } catch (JacksonException e) {
            throw new ApiException(ErrorCode.INVALID_JSON, "the request body is not valid JSON");
        }
        if (tree == null || !tree.isObject()) {
            throw new ApiException(ErrorCode.INVALID_JSON, "the body must be a JSON object");
        }
        return (ObjectNode) tree;
    }

    /** Refuses a field not among {@code fields}, so a typo cannot be silently ignored. */
    public static void onlyFields(JsonNode tree, Set<String> fields) {
        for (String name : tree.propertyNames()) {
            if (!fields.contains(name)) {
                throw ApiException.invalidField(name, "unknown field '" + name + "'; known fields are " + fields.stream().sorted().toList());
            }
        }
    }

    /** A required query field: a non-blank string of at most {@code max-query-chars}. */
    String query(JsonNode tree, String field) {
        JsonNode query = tree.get(field);
        if (query == null || query.isNull()) {
            throw ApiException.invalidField(field, "'" + field + "' is required");
        }
        if (!query.isString()) {
            throw ApiException.invalidField(field, "'" + field + "' must be a string");
        }
        if (query.asString().isBlank()) {
            throw ApiException.invalidField(field, "'" + field + "' must not be empty");
        }
        if (query.asString().indexOf('\u0000') >= 0) {
            throw ApiException.invalidField(field, "'" + field + "' must not contain the NUL character (U+0000)");
        }
        if (query.asString().length() > properties.maxQueryChars()) {
            throw ApiException.invalidField(field, "'" + field + "' is longer than " + properties.maxQueryChars() + " characters");
        }
        return query.asString();
    }

    /**
     * A recall of {@code query} with every stage as shipped (the default channels, session boost, rerank), for the
     * variants that take a query and filters but none of recall's tuning fields.
     */
    RecallRequest plain(String query, int limit, MemorySelection selection) {
        return new RecallRequest(query, limit, null, selection, RecallMode.FULL_CONTEXT, null, defaultChannels, true, true);
    }

    /** The request's {@code limit}, or the default. */
    int limit(JsonNode tree) {
        return limit(tree, properties.defaultLimit());
    }

    /** The request's {@code limit}, or {@code defaultLimit} (a variant's own default). */
    int limit(JsonNode tree, int defaultLimit) {
        JsonNode node = tree.get("limit");
        if (node == null || node.isNull()) {
            return Math.min(defaultLimit, properties.maxLimit());
        }
        if (!node.isIntegralNumber() || node.asLong() < 1 || node.asLong() > properties.maxLimit()) {
            throw ApiException.invalidField("limit", "'limit' must be an integer from 1 to " + properties.maxLimit());
        }
        return node.asInt();
    }

    private static RecallMode mode(JsonNode node) {
        if (node == null || node.isNull()) {
            return RecallMode.FULL_CONTEXT;
        }
        return (node.isString() ? RecallMode.fromWire(node.asString()) : Optional.<RecallMode>empty())
                .orElseThrow(() -> ApiException.invalidField("mode", "'mode' must be one of " + RecallMode.WIRE));
    }

    /** An optional boolean stage switch, on unless the body says false. */
    private static boolean flag(JsonNode tree, String name) {
        JsonNode node = tree.get(name);
        if (node == null || node.isNull()) {
            return true;
        }
        if (!node.isBoolean()) {
            throw ApiException.invalidField(name, "'" + name + "' must be true or false");
        }
        return node.asBoolean();
    }

    private Set<String> channels(JsonNode node) {
        if (node == null || node.isNull()) {
            return defaultChannels;
        }
        Set<String> chosen = new LinkedHashSet<>();
        if (node.isArray()) {
            for (JsonNode channel : node) {
                if (channel.isString() && CHANNELS.contains(channel.asString())) {
                    chosen.add(channel.asString());
                } else {
                    chosen.clear();
                    break;
                }
            }
        }
        if (chosen.isEmpty()) {
            throw ApiException.invalidField("channels", "'channels' must be a non-empty array of " + CHANNELS.stream().sorted().toList());
        }
        return chosen;
    }
}
