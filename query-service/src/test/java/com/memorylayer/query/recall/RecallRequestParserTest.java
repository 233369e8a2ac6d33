package com.memorylayer.query.recall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.memorylayer.query.ShippedSettings;
import com.memorylayer.schemas.api.ErrorCode;
import com.memorylayer.schemas.memory.MemoryStatus;
import com.memorylayer.schemas.memory.MemoryType;
import com.memorylayer.web.error.ApiException;
import com.memorylayer.web.filter.MemorySelectionParser;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

/** The recall body's lifecycle fields: the default statuses, {@code filters.status}, and {@code mode}. */
class RecallRequestParserTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    final RecallRequestParser parser = new RecallRequestParser(ShippedSettings.bind("memorylayer.recall", RecallProperties.class),
            JSON, new MemorySelectionParser(JSON));

    private RecallRequest parse(String body) {
        return parser.parse(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void withoutFiltersStatusARecallSeesActiveAndChallengedMemories() {
        assertThat(parse("{\"query\": \"x\"}").filters().status()).isEqualTo(MemoryStatus.RECALLED_BY_DEFAULT);
        assertThat(parse("{\"query\": \"x\", \"filters\": {\"kind\": \"note\"}}").filters().status())
                .containsExactlyInAnyOrder(MemoryStatus.ACTIVE, MemoryStatus.CHALLENGED);
    }

    @Test
    void aReferenceDateIsADayOrATimeWithTheAskersOffset() {
        assertThat(parse("{\"query\": \"x\", \"reference_date\": \"2023-10-18\"}").referenceDate())
                .isEqualTo(java.time.OffsetDateTime.parse("2023-10-18T00:00:00Z"));
        assertThat(parse("{\"query\": \"x\", \"reference_date\": \"2023-10-18T22:00:00-08:00\"}").referenceDate().getOffset())
                .isEqualTo(java.time.ZoneOffset.ofHours(-8));
        for (String bad : new String[] {"\"last tuesday\"", "\"+1000000000-01-01T00:00:00Z\"", "\"0000-01-01\"", "5"}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> parse("{\"query\": \"x\", \"reference_date\": " + bad + "}"))
                    .as(bad).isInstanceOf(com.memorylayer.web.error.ApiException.class);
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> parse("{\"query\": \"a\\u0000b\"}"))
                .isInstanceOf(com.memorylayer.web.error.ApiException.class);
    }

    @Test
    void filtersStatusReplacesTheDefault() {
        assertThat(parse("{\"query\": \"x\", \"filters\": {\"status\": \"forgotten\"}}").filters().status())
                .containsExactly(MemoryStatus.FORGOTTEN);
        assertThat(parse("{\"query\": \"x\", \"filters\": {\"status\": [\"invalidated\", \"active\"]}}").filters().status())
                .containsExactlyInAnyOrder(MemoryStatus.INVALIDATED, MemoryStatus.ACTIVE);
    }

    @Test
    void modeDefaultsToFullContextAndNamesTheTypesItReturns() {
        assertThat(parse("{\"query\": \"x\"}").mode()).isEqualTo(RecallMode.FULL_CONTEXT);
        assertThat(parse("{\"query\": \"x\", \"mode\": \"facts_only\"}").mode().types()).containsExactly(MemoryType.FACT);
        assertThat(parse("{\"query\": \"x\", \"mode\": \"facts_plus_rules\"}").mode().types())
                .containsExactlyInAnyOrder(MemoryType.FACT, MemoryType.PROCEDURE);
        assertThat(parse("{\"query\": \"x\", \"mode\": \"full_context\"}").mode().types())
                .isEqualTo(Set.of(MemoryType.values()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"everything\"", "\"FACTS_ONLY\"", "3", "[\"facts_only\"]"})
    void aBadModeIsRefusedNamingModeAndItsValues(String mode) {
        ApiException e = catchThrowableOfType(ApiException.class, () -> parse("{\"query\": \"x\", \"mode\": " + mode + "}"));

        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(e.details()).containsEntry("field", "mode");
        assertThat(e.getMessage()).isEqualTo("'mode' must be one of [facts_only, facts_plus_rules, full_context]");
    }

    @Test
    void anUnknownFilterIsRefusedNamingIt() {
        ApiException e = catchThrowableOfType(ApiException.class,
                () -> parse("{\"query\": \"x\", \"filters\": {\"state\": \"active\"}}"));

        assertThat(e.details()).containsEntry("field", "filters.state");
    }
}
