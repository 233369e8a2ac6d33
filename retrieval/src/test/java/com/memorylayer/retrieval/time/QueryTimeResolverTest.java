package com.memorylayer.retrieval.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class QueryTimeResolverTest {

    /** A Wednesday. */
    static final LocalDate REFERENCE = LocalDate.of(2023, 10, 18);

    private static String window(String query) {
        return QueryTimeResolver.resolve(query, REFERENCE)
                .map(w -> w.from().atOffset(ZoneOffset.UTC).toLocalDate() + ".." + w.to().atOffset(ZoneOffset.UTC).toLocalDate())
                .orElse("none");
    }

    @Test
    void absoluteDaysMonthsAndYears() {
        assertThat(window("What painting did Melanie show to Caroline on October 13, 2023?")).isEqualTo("2023-10-13..2023-10-14");
        assertThat(window("what happened on the 8th of May 2023")).isEqualTo("2023-05-08..2023-05-09");
        assertThat(window("deploys on 2023-05-08")).isEqualTo("2023-05-08..2023-05-09");
        assertThat(window("What did Mel paint in their latest project in July 2023?")).isEqualTo("2023-07-01..2023-08-01");
        assertThat(window("What setback did Melanie face in October 2023?")).isEqualTo("2023-10-01..2023-11-01");
        assertThat(window("How many times has Melanie gone to the beach in 2023?")).isEqualTo("2023-01-01..2024-01-01");
        assertThat(window("the 2023-02 release")).isEqualTo("2023-02-01..2023-03-01");
    }

    @Test
    void aMonthOrDayWithoutAYearIsTheLatestNotAfterTheReference() {
        assertThat(window("When did Melanie go camping in June?")).isEqualTo("2023-06-01..2023-07-01");
        assertThat(window("what did we ship in December")).isEqualTo("2022-12-01..2023-01-01");
        assertThat(window("what happened on 5 November")).isEqualTo("2022-11-05..2022-11-06");
        assertThat(window("the outage of March 3")).isEqualTo("2023-03-03..2023-03-04");
        assertThat(window("what did we plan for mid-May")).isEqualTo("2023-05-01..2023-06-01");
    }

    @Test
    void relativeTimes() {
        assertThat(window("what broke yesterday")).isEqualTo("2023-10-17..2023-10-18");
        assertThat(window("what did I do today")).isEqualTo("2023-10-18..2023-10-19");
        assertThat(window("what did we decide last week")).isEqualTo("2023-10-09..2023-10-16");
        assertThat(window("plans for this week")).isEqualTo("2023-10-16..2023-10-23");
        assertThat(window("what happened last month")).isEqualTo("2023-09-01..2023-10-01");
        assertThat(window("trips last year")).isEqualTo("2022-01-01..2023-01-01");
        assertThat(window("three days ago")).isEqualTo("2023-10-15..2023-10-16");
        assertThat(window("Where did Caroline move from 4 years ago?")).isEqualTo("2019-01-01..2020-01-01");
        assertThat(window("in the past two weeks")).isEqualTo("2023-10-05..2023-10-19");
        assertThat(window("what did we merge last Friday")).isEqualTo("2023-10-13..2023-10-14");
        assertThat(window("what did we do last weekend")).isEqualTo("2023-10-14..2023-10-16");
        assertThat(window("What did Melanie paint recently?")).isEqualTo("2023-09-18..2023-10-19");
    }

    @Test
    void daysAreTheAskersDays() {
        TimeWindow yesterday = QueryTimeResolver.resolve("what broke yesterday", REFERENCE, java.time.ZoneOffset.ofHours(-8)).orElseThrow();
        assertThat(yesterday.from()).isEqualTo(java.time.Instant.parse("2023-10-17T08:00:00Z"));
        assertThat(yesterday.to()).isEqualTo(java.time.Instant.parse("2023-10-18T08:00:00Z"));
    }

    @Test
    void noTimeNoWindow() {
        assertThat(window("Who owns the billing service?")).isEqualTo("none");
        assertThat(window("How long ago was Caroline's 18th birthday?")).isEqualTo("none");
        assertThat(window("you may 2 go")).isEqualTo("none");
        assertThat(window("a team of 2023 people")).isEqualTo("none");
        assertThat(window("which 2 may help")).isEqualTo("none");
        assertThat(window("an essay in 2000 words")).isEqualTo("none");
        assertThat(window("what happened in the past 0 days")).isEqualTo("none");
        assertThat(window("0 days ago")).isEqualTo("none");
        assertThat(window("the 2023-02-30 release")).isEqualTo("none");
        assertThat(window("the 2023-13-01 release")).isEqualTo("none");
    }
}
