package com.memorylayer.query.recall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.memorylayer.schemas.api.ErrorCode;
import com.memorylayer.web.error.ApiException;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OwnerRecallSlotsTest {

    @Test
    void oneOwnersRecallsRunAtMostThePerOwnerNumberAtOnceAndOthersAreNotHeldBack() {
        OwnerRecallSlots slots = new OwnerRecallSlots(new RecallProperties(1, Duration.ofMillis(200), 100, 10, 100, 4000,
                "weighted", 0.5, 0.0, 0.5, 0.0));
        UUID flooder = UUID.randomUUID();
        UUID quiet = UUID.randomUUID();

        OwnerRecallSlots.Slot running = slots.take(flooder);
        assertThatThrownBy(() -> slots.take(flooder)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.RECALLS_BUSY);
            assertThat(e.retryAfterSeconds()).isEqualTo(1);
        });
        try (OwnerRecallSlots.Slot other = slots.take(quiet)) {
            assertThat(other).isNotNull();
        }
        running.close();
        try (OwnerRecallSlots.Slot next = slots.take(flooder)) {
            assertThat(next).isNotNull();
        }
    }

    @Test
    void unsetItIsHalfTheCoresAndAtLeastOne() {
        OwnerRecallSlots slots = new OwnerRecallSlots(new RecallProperties(0, null, 100, 10, 100, 4000,
                "weighted", 0.5, 0.0, 0.5, 0.0));
        assertThat(slots.perOwner()).isEqualTo(Math.max(1, Runtime.getRuntime().availableProcessors() / 2));
    }
}
