package com.memorylayer.query.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.memorylayer.retrieval.time.TimeWindow;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CreationDaysTest {

    private static final Instant MAY_3 = Instant.parse("2026-05-03T00:00:00Z");

    @Test
    void aWindowTouchesTheDaysItOverlapsAndNoOthers() {
        CreationDays days = new CreationDays();
        UUID before = UUID.randomUUID();
        UUID early = UUID.randomUUID();
        UUID late = UUID.randomUUID();
        UUID after = UUID.randomUUID();
        days.add(before, MAY_3.minusSeconds(1));
        days.add(early, MAY_3);
        days.add(late, MAY_3.plusSeconds(86_399));
        days.add(after, MAY_3.plusSeconds(86_400));

        // Noon to noon touches the whole of May 3 and 4; a window ending at midnight does not touch the next day.
        assertThat(days.touching(new TimeWindow(MAY_3.plusSeconds(43_200), MAY_3.plusSeconds(129_600), "noon"), 10))
                .containsExactlyInAnyOrder(early, late, after);
        assertThat(days.touching(new TimeWindow(MAY_3, MAY_3.plusSeconds(86_400), "May 3"), 10)).containsExactlyInAnyOrder(early, late);
        assertThat(days.touching(new TimeWindow(MAY_3.minusSeconds(86_400), MAY_3.plusSeconds(2 * 86_400), "3 days"), 3)).isNull();

        days.remove(late, MAY_3.plusSeconds(86_399));
        days.remove(UUID.randomUUID(), MAY_3);
        assertThat(days.touching(new TimeWindow(MAY_3, MAY_3.plusSeconds(86_400), "May 3"), 10)).containsExactly(early);
    }
}
