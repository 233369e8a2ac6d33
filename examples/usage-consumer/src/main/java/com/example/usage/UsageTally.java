package com.example.usage;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Running totals per workspace from {@code memorylayer.usage} events, following the contract in Memorylayer's
 * {@code schemas/README.md}: dispatch on {@code type} and {@code version}, skip what you do not know, and count
 * each event {@code id} once (the topic may carry an event twice).
 */
public final class UsageTally {

    /** One workspace's totals. */
    public static final class Totals {
        public long requests;
        public long errors;
        public long bytesIn;
        public long bytesOut;
        public long memoriesWritten;
        public long recalls;
        public long embeddingTokens;

        @Override
        public String toString() {
            return "requests=" + requests + " errors=" + errors + " bytes_in=" + bytesIn + " bytes_out=" + bytesOut
                    + " memories_written=" + memoriesWritten + " recalls=" + recalls + " embedding_tokens=" + embeddingTokens;
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    // An example keeps every id; a real consumer would bound this (the platform's own sink keeps a day).
    private final Set<String> seen = new HashSet<>();
    private final Map<String, Totals> byWorkspace = new TreeMap<>();
    private long skipped;

    /** Counts one record's value; returns false if it was skipped (unknown type or version, or a duplicate). */
    public boolean accept(byte[] value) {
        JsonNode event;
        try {
            event = JSON.readTree(value);
        } catch (RuntimeException notJson) {
            skipped++;
            return false;
        }
        String type = event.path("type").asString("");
        int version = event.path("version").asInt(-1);
        if (version != 1 || !(type.equals("memorylayer.usage.recorded") || type.equals("memorylayer.usage.embedded"))) {
            skipped++;
            return false;
        }
        if (!seen.add(event.path("id").asString())) {
            return false;
        }
        JsonNode data = event.path("data");
        Totals totals = byWorkspace.computeIfAbsent(event.path("workspace").asString(), w -> new Totals());
        if (type.equals("memorylayer.usage.recorded")) {
            totals.requests += data.path("requests").asLong();
            totals.errors += data.path("status").asInt() >= 400 ? 1 : 0;
            totals.bytesIn += data.path("bytes_in").asLong();
            totals.bytesOut += data.path("bytes_out").asLong();
            totals.memoriesWritten += data.path("memories_written").asLong();
            totals.recalls += data.path("recalls").asLong();
        } else {
            totals.embeddingTokens += data.path("tokens").asLong();
        }
        return true;
    }

    public Map<String, Totals> byWorkspace() {
        return byWorkspace;
    }

    public long skipped() {
        return skipped;
    }
}
