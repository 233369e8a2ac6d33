package com.memorylayer.retrieval.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SessionBoostTest {

    private static final UUID A = new UUID(0, 1);
    private static final UUID B = new UUID(0, 2);
    private static final UUID C = new UUID(0, 3);
    private static final UUID D = new UUID(0, 4);

    private static FusedHit hit(UUID id, double score) {
        return new FusedHit(id, score, Map.of("dense", 1), Map.of("dense", (float) score));
    }

    @Test
    void aMemoryWhoseSessionHoldsTheBestMatchOvertakesOthersFromOtherSessions() {
        // A leads session s1; B (s1) and C (s2) tie on their own scores, D is alone in s3.
        Map<UUID, String> sessions = Map.of(A, "s1", B, "s1", C, "s2", D, "s3");
        List<SessionBoost.Boosted> boosted = new SessionBoost(0.5).apply(
                List.of(hit(C, 0.6), hit(B, 0.6), hit(A, 1.0), hit(D, 0.7)), sessions::get);

        // B (0.6) even overtakes D (0.7): 0.6 + 0.5 · 1.0 against 0.7 + 0.5 · 0.7.
        assertThat(boosted).extracting(b -> b.hit().id()).containsExactly(A, B, D, C);
        assertThat(boosted.get(0).score()).isCloseTo(1.5, within(1e-9));
        assertThat(boosted.get(1).boost()).isCloseTo(0.5, within(1e-9)); // B borrows half of A's score
        assertThat(boosted.get(2).score()).isCloseTo(0.7 + 0.35, within(1e-9));
        assertThat(boosted.get(3).boost()).isCloseTo(0.3, within(1e-9)); // C leads its own session
    }

    @Test
    void aMemoryWithoutASessionIsItsOwnSession() {
        Map<UUID, String> sessions = new HashMap<>();
        sessions.put(A, "s1");
        sessions.put(B, "s1");
        // C and D both lack a session: neither borrows from the other.
        List<SessionBoost.Boosted> boosted = new SessionBoost(1.0).apply(
                List.of(hit(A, 0.9), hit(B, 0.5), hit(C, 0.6), hit(D, 0.8)), sessions::get);

        assertThat(boosted).extracting(b -> b.hit().id()).containsExactly(A, D, B, C);
        assertThat(boosted.get(1).boost()).isCloseTo(0.8, within(1e-9));
        assertThat(boosted.get(2).boost()).isCloseTo(0.9, within(1e-9));
        assertThat(boosted.get(3).boost()).isCloseTo(0.6, within(1e-9));
    }

    @Test
    void weightZeroKeepsTheFusedOrderAndScores() {
        List<FusedHit> fused = List.of(hit(A, 0.9), hit(B, 0.8), hit(C, 0.1));
        List<SessionBoost.Boosted> boosted = new SessionBoost(0).apply(fused, id -> id.equals(C) ? "s" : "t");

        assertThat(boosted).extracting(SessionBoost.Boosted::hit).containsExactlyElementsOf(fused);
        assertThat(boosted).allSatisfy(b -> assertThat(b.boost()).isZero());
    }

    @Test
    void refusesANegativeOrUnboundedWeight() {
        assertThatThrownBy(() -> new SessionBoost(-0.1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SessionBoost(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SessionBoost(Double.POSITIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class);
    }
}
