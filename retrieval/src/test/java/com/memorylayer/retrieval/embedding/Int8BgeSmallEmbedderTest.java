package com.memorylayer.retrieval.embedding;

import static com.memorylayer.retrieval.embedding.BgeSmallEmbedderTest.dot;
import static com.memorylayer.retrieval.embedding.BgeSmallEmbedderTest.norm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class Int8BgeSmallEmbedderTest {

    private static BgeSmallEmbedder embedder;

    @BeforeAll
    static void loadModel() {
        embedder = BgeSmallEmbedder.load(BgeModel.INT8, BgeSmallEmbedderTest.MODEL_CACHE);
    }

    @AfterAll
    static void closeModel() {
        embedder.close();
    }

    @Test
    void theInt8ModelGives384DimensionalUnitVectors() {
        float[][] vectors = embedder.embed(List.of("The meeting moved to Thursday afternoon", "Bananas"));

        assertThat(embedder.modelName()).isEqualTo("bge-small-en-v1.5-int8");
        for (float[] vector : vectors) {
            assertThat(vector).hasSize(384);
            assertThat(norm(vector)).isCloseTo(1.0, within(1e-4));
        }
    }

    @Test
    void theInt8ModelStillPutsAParaphraseCloserThanAnUnrelatedSentence() {
        float[] meeting = embedder.embedQuery("The meeting moved to Thursday afternoon");
        float[][] candidates = embedder.embed(List.of(
                "We rescheduled our sync to Thursday after lunch", "Bananas are rich in potassium"));

        assertThat(dot(meeting, candidates[0])).isGreaterThan(dot(meeting, candidates[1]) + 0.1);
    }

    @Test
    void batchEmbeddingGivesEachTextItsOwnVector() {
        // 40 distinct texts of mixed lengths: more than one batch of 32, so sorting, chunking and padding all run.
        List<String> people = List.of("Alice", "Bob", "my grandmother", "the landlord", "Priya", "our neighbour Tom",
                "the new intern", "Coach Martinez");
        List<String> doings = List.of("bakes sourdough", "is training for a marathon through the hills every weekend",
                "fixed the leaking kitchen tap", "plays the cello in a small orchestra that rehearses on Thursdays",
                "moved to Lisbon");
        List<String> texts = IntStream.range(0, people.size() * doings.size())
                .mapToObj(i -> people.get(i % people.size()) + " " + doings.get(i / people.size()))
                .toList();

        float[][] batched = embedder.embed(texts);
        float[][] single = texts.stream().map(embedder::embedQuery).toArray(float[][]::new);

        // Not equal to 1e-4 as with fp32: the int8 graph quantises activations with one scale per tensor, so a
        // text's vector moves slightly with its batch-mates (cosine 0.994 or more here, against at most 0.89
        // between different texts).
        assertThat(batched).hasNumberOfRows(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            assertThat(batched[i]).hasSize(384);
            assertThat(norm(batched[i])).isCloseTo(1.0, within(1e-4));
            assertThat(dot(batched[i], single[i])).as("text %d against its own one-by-one vector", i).isGreaterThan(0.98);
            for (int j = 0; j < texts.size(); j++) {
                if (j != i) {
                    assertThat(dot(batched[i], single[i])).as("text %d against text %d", i, j)
                            .isGreaterThan(dot(batched[i], single[j]));
                }
            }
        }
    }
}
