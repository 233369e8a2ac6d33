package com.memorylayer.gateway.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WorkspaceSlugTest {

    @ParameterizedTest
    @ValueSource(strings = {"abc", "team-42", "a1b2c3", "abcdefghijabcdefghijabcdefghijabcdefghij"})
    void wellFormedSlugsAreAccepted(String slug) {
        assertThat(new WorkspaceSlug(slug).value()).isEqualTo(slug);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ab", "Team", "-abc", "abc-", "a_b", "a b", "../etc", "admin", "api"})
    void malformedOrReservedSlugsAreRefused(String slug) {
        assertThatThrownBy(() -> new WorkspaceSlug(slug)).isInstanceOf(IllegalArgumentException.class);
    }

    @org.junit.jupiter.api.Test
    void aSlugOfFortyOneCharactersIsRefused() {
        assertThatThrownBy(() -> new WorkspaceSlug("x".repeat(41))).isInstanceOf(IllegalArgumentException.class);
    }
}
