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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class Int8BgeSmallEmbedderTest {

    private static final Logger log = LoggerFactory.getLogger(Int8BgeSmallEmbedderTest.class);

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
    void embedsShortTextsInBatches() {
        List<String> texts = IntStream.range(0, 256)
                .mapToObj(i -> "On day " + i + " the user said they prefer tea over coffee in the morning")
                .toList();

        long start = System.nanoTime();
        float[][] vectors = embedder.embed(texts);
        double seconds = (System.nanoTime() - start) / 1e9;
        log.info("int8: {} short texts in {} s = {} texts/s", texts.size(), String.format("%.2f", seconds),
                String.format("%.0f", texts.size() / seconds));

        assertThat(vectors).hasDimensions(256, 384);
    }
}
