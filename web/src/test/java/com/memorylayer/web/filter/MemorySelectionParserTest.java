package com.memorylayer.web.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.memorylayer.schemas.api.ErrorCode;
import com.memorylayer.schemas.memory.MemoryLayer;
import com.memorylayer.schemas.memory.MemorySelection;
import com.memorylayer.schemas.memory.MemoryStatus;
import com.memorylayer.schemas.memory.MemoryType;
import com.memorylayer.web.error.ApiException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The one filter language as requests write it: every field, and a 400 naming the field for every mistake. */
class MemorySelectionParserTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    final MemorySelectionParser parser = new MemorySelectionParser(JSON);

    private MemorySelection parse(String json) {
        return parser.parse(JSON.readTree(json));
    }

    /** The refusal of {@code json}, checked to be a 400 invalid_request. */
    private ApiException refusal(String json) {
        ApiException e = catchThrowableOfType(ApiException.class, () -> parse(json));
        assertThat(e).as("refusal of %s", json).isNotNull();
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        return e;
    }

    @Test
    void anAbsentOrNullObjectSelectsEverything() {
        assertThat(parser.parse(null)).isEqualTo(MemorySelection.ALL);
        assertThat(parse("null")).isEqualTo(MemorySelection.ALL);
        assertThat(parse("{}")).isEqualTo(MemorySelection.ALL);
    }

    @Test
    void readsEveryRecallFilter() {
        MemorySelection selection = parse("""
                {"tags_any": [" a ", "b"], "tags_all": ["c"], "kind": "note", "session_id": "s1",
                 "metadata": {"team": "platform", "priority": 2, "vegan": true},
                 "created_after": "2026-01-01T10:00:00+02:00", "created_before": "2026-02-01T00:00:00Z"}""");

        assertThat(selection).isEqualTo(new MemorySelection(List.of("a", "b"), List.of("c"), "note", "s1",
                Map.of("team", "platform", "priority", 2, "vegan", true), Instant.parse("2026-01-01T08:00:00Z"),
                Instant.parse("2026-02-01T00:00:00Z"), Set.of(), Set.of(), Set.of(), null));
    }

    @Test
    void lifecycleFiltersTakeOneValueOrAnArrayOfThem() {
        MemorySelection one = parse("""
                {"status": "forgotten", "layer": "semantic", "memory_type": "fact", "pinned": true}""");
        MemorySelection many = parse("""
                {"status": ["active", "invalidated"], "layer": ["working", "procedural"],
                 "memory_type": ["fact", "procedure"], "pinned": false}""");

        assertThat(one.status()).containsExactly(MemoryStatus.FORGOTTEN);
        assertThat(one.layer()).containsExactly(MemoryLayer.SEMANTIC);
        assertThat(one.memoryType()).containsExactly(MemoryType.FACT);
        assertThat(one.pinned()).isTrue();
        assertThat(many.status()).containsExactlyInAnyOrder(MemoryStatus.ACTIVE, MemoryStatus.INVALIDATED);
        assertThat(many.layer()).containsExactlyInAnyOrder(MemoryLayer.WORKING, MemoryLayer.PROCEDURAL);
        assertThat(many.memoryType()).containsExactlyInAnyOrder(MemoryType.FACT, MemoryType.PROCEDURE);
        assertThat(many.pinned()).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"status\": \"gone\"}                    | filters.status      | [active, challenged, invalidated, superseded, merged, forgotten]",
            "{\"status\": [\"active\", \"Active\"]}    | filters.status      | [active, challenged, invalidated, superseded, merged, forgotten]",
            "{\"layer\": \"long_term\"}                | filters.layer       | [working, episodic, semantic, procedural]",
            "{\"memory_type\": [\"rule\"]}             | filters.memory_type | [fact, procedure, narrative]"})
    void anUnknownLifecycleValueIsRefusedNamingTheFieldAndTheAllowedValues(String json, String field, String allowed) {
        ApiException e = refusal(json);

        assertThat(e.details()).containsEntry("field", field);
        assertThat(e.getMessage()).contains("'" + field + "'").endsWith("allowed values are " + allowed);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"status\": []}              | filters.status",
            "{\"status\": 3}               | filters.status",
            "{\"layer\": [\"working\", 1]} | filters.layer",
            "{\"memory_type\": {}}         | filters.memory_type",
            "{\"pinned\": \"yes\"}         | filters.pinned"})
    void aLifecycleFilterOfTheWrongShapeIsRefusedNamingTheField(String json, String field) {
        assertThat(refusal(json).details()).containsEntry("field", field);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "[]                                | filters",
            "{\"tags_any\": \"a\"}             | filters.tags_any",
            "{\"tags_all\": [1]}               | filters.tags_all",
            "{\"kind\": 5}                     | filters.kind",
            "{\"session_id\": true}            | filters.session_id",
            "{\"created_after\": \"monday\"}   | filters.created_after",
            "{\"created_before\": \"2026-01-01T00:00:00\"} | filters.created_before",
            "{\"metadata\": {\"k\": [1]}}      | filters.metadata",
            "{\"metadata\": \"k\"}             | filters.metadata"})
    void recallsFilterMistakesAreRefusedNamingTheFieldAsBefore(String json, String field) {
        assertThat(refusal(json).details()).containsEntry("field", field);
    }

    @Test
    void anUnknownKeyIsRefusedNamingItAndListingTheKnownOnes() {
        ApiException e = refusal("{\"colour\": \"red\"}");

        assertThat(e.details()).containsEntry("field", "filters.colour");
        assertThat(e.getMessage()).isEqualTo("unknown filter 'colour'; known filters are [created_after, created_before, kind, "
                + "layer, memory_type, metadata, pinned, session_id, status, tags_all, tags_any]");
    }

    @Test
    void anotherRequestFieldNamesItsOwnKeys() {
        ApiException e = catchThrowableOfType(ApiException.class,
                () -> parser.parse(JSON.readTree("{\"status\": \"gone\"}"), "selection"));

        assertThat(e.details()).containsEntry("field", "selection.status");
    }

    @Test
    void metadataNumbersKeepTheirJsonValue() {
        JsonNode node = JSON.readTree("{\"metadata\": {\"n\": 2.0, \"big\": 12345678901234}}");

        Map<String, Object> metadata = parser.parse(node).metadata();
        assertThat(((Number) metadata.get("n")).doubleValue()).isEqualTo(2.0);
        assertThat(((Number) metadata.get("big")).longValue()).isEqualTo(12345678901234L);
    }
}
