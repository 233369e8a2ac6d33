package com.memorylayer.retrieval.search;

import static com.memorylayer.retrieval.search.DenseIndexTest.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LexicalIndexTest {

    private final LexicalIndex index = new LexicalIndex();

    @AfterEach
    void close() {
        index.close();
    }

    @Test
    void aRareTermOutranksACommonOne() {
        for (int i = 0; i < 20; i++) {
            index.put(id(i), "weekly meeting notes number " + i);
        }
        UUID zeppelin = id(100);
        UUID meeting = id(101);
        index.put(zeppelin, "we saw a zeppelin over the harbour");
        index.put(meeting, "the meeting ran late again");

        List<ScoredId> hits = index.search("meeting zeppelin", 3, null);

        assertThat(hits.get(0).id()).isEqualTo(zeppelin);
        assertThat(hits.get(0).score()).isGreaterThan(hits.get(1).score());
    }

    @Test
    void stemmingMatchesOtherFormsOfAWord() {
        index.put(id(1), "She runs every morning before work");
        index.put(id(2), "He likes painting landscapes");

        assertThat(index.search("running", 5, null)).extracting(ScoredId::id).containsExactly(id(1));
        assertThat(index.search("paints", 5, null)).extracting(ScoredId::id).containsExactly(id(2));
    }

    @Test
    void queryOperatorsAndPunctuationAreJustText() {
        index.put(id(1), "Alice AND Bob went hiking");
        List<String> hostile = List.of("AND", "\"unclosed quote", "(hiking", "hik*", "title:alice OR", "a-b!~^2 [x TO",
                "\\", "&& || -", "?", "/regex/");

        for (String query : hostile) {
            assertThatCode(() -> index.search(query, 5, null)).as(query).doesNotThrowAnyException();
        }
        assertThat(index.search("(hiking", 5, null)).extracting(ScoredId::id).containsExactly(id(1));
    }

    @Test
    void aQueryOfOnlyStopWordsOrPunctuationFindsNothing() {
        index.put(id(1), "the user is in Berlin");

        assertThat(index.search("the is a", 5, null)).isEmpty();
        assertThat(index.search("?!...", 5, null)).isEmpty();
        assertThat(index.search("", 5, null)).isEmpty();
    }

    @Test
    void aRemovedTextIsNoLongerFound() {
        index.put(id(1), "the cat sat on the mat");
        index.put(id(2), "a cat chased a mouse");
        assertThat(index.search("cat", 5, null)).hasSize(2);

        index.remove(id(1));

        assertThat(index.search("cat", 5, null)).extracting(ScoredId::id).containsExactly(id(2));
        assertThat(index.size()).isEqualTo(1);
    }

    @Test
    void writesAreVisibleToTheNextSearch() {
        index.put(id(1), "the user lives in Paris");
        assertThat(index.search("paris", 5, null)).extracting(ScoredId::id).containsExactly(id(1));

        index.put(id(1), "the user moved to Lisbon");

        assertThat(index.search("paris", 5, null)).isEmpty();
        assertThat(index.search("lisbon", 5, null)).extracting(ScoredId::id).containsExactly(id(1));
        assertThat(index.size()).isEqualTo(1);
    }

    @Test
    void theAcceptFilterStillReturnsKAcceptedHits() {
        // The 40 best matches are all rejected; the accepted ones rank below them.
        for (int i = 0; i < 40; i++) {
            index.put(id(i), "budget budget budget review");
        }
        for (int i = 40; i < 50; i++) {
            index.put(id(i), "budget review of the quarter with many other words in it");
        }

        List<ScoredId> hits = index.search("budget", 3, id -> id.getLeastSignificantBits() >= 40);

        assertThat(hits).hasSize(3)
                .allSatisfy(hit -> assertThat(hit.id().getLeastSignificantBits()).isGreaterThanOrEqualTo(40));
    }

    @Test
    void resultsAreCappedAtKBestFirst() {
        index.put(id(1), "apple");
        index.put(id(2), "apple apple banana cherry");
        index.put(id(3), "apple pie with a long description of the dessert table");

        List<ScoredId> hits = index.search("apple", 2, null);

        assertThat(hits).hasSize(2);
        assertThat(hits.get(0).score()).isGreaterThanOrEqualTo(hits.get(1).score());
    }

    @Test
    void eachThreadSeesItsOwnWritesWhileOthersWrite() throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<Integer>> misses = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                misses.add(pool.submit(() -> {
                    int missing = 0;
                    for (int i = 0; i < 50; i++) {
                        UUID id = id(thread * 1000 + i);
                        String word = "token" + thread + "x" + i;
                        index.put(id, "note " + word);
                        if (!index.search(word, 1, null).stream().map(ScoredId::id).toList().equals(List.of(id))) {
                            missing++;
                        }
                    }
                    return missing;
                }));
            }
            for (Future<Integer> future : misses) {
                assertThat(future.get()).isZero();
            }
        }
        assertThat(index.size()).isEqualTo(200);
    }
}
