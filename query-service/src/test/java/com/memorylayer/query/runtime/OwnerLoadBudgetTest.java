package com.memorylayer.query.runtime;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.memorylayer.web.error.ApiException;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class OwnerLoadBudgetTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000_000L);
    private final OwnerLoadBudget budget = new OwnerLoadBudget(2, now::get);
    private final UUID owner = UUID.randomUUID();

    @Test
    void theMinutesBudgetIsSpentAtOnceAndComesBackEvenly() {
        budget.spend(owner);
        budget.spend(owner);
        assertThatThrownBy(() -> budget.spend(owner)).isInstanceOf(ApiException.class);

        now.addAndGet(29_000_000_000L);
        assertThatThrownBy(() -> budget.spend(owner)).as("half a load back after 29 s of 30").isInstanceOf(ApiException.class);
        now.addAndGet(1_000_000_000L);
        assertThatCode(() -> budget.spend(owner)).doesNotThrowAnyException();
        assertThatThrownBy(() -> budget.spend(owner)).isInstanceOf(ApiException.class);

        now.addAndGet(600_000_000_000L);
        budget.spend(owner);
        budget.spend(owner);
        assertThatThrownBy(() -> budget.spend(owner)).as("never more than a minute's budget saved up").isInstanceOf(ApiException.class);
    }

    @Test
    void ownersHaveBudgetsOfTheirOwnAndZeroMeansNone() {
        budget.spend(owner);
        budget.spend(owner);
        assertThatCode(() -> budget.spend(UUID.randomUUID())).doesNotThrowAnyException();

        OwnerLoadBudget unlimited = new OwnerLoadBudget(0, now::get);
        for (int i = 0; i < 1000; i++) {
            unlimited.spend(owner);
        }
    }
}
