package com.memorylayer.retrieval.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BgeSmallEmbedderTest {

    static final Path MODEL_CACHE = Path.of("target/model-cache");

    private static BgeSmallEmbedder embedder;

    @BeforeAll
    static void loadModel() {
        embedder = BgeSmallEmbedder.load(BgeModel.FP32, MODEL_CACHE);
    }

    @AfterAll
    static void closeModel() {
        embedder.close();
    }

    @Test
    void vectorsHave384DimensionsAndUnitLength() {
        float[][] vectors = embedder.embed(List.of("The meeting moved to Thursday afternoon", "", "ok"));

        assertThat(embedder.dimension()).isEqualTo(384);
        assertThat(embedder.modelName()).isEqualTo("bge-small-en-v1.5");
        for (float[] vector : vectors) {
            assertThat(vector).hasSize(384);
            assertThat(norm(vector)).isCloseTo(1.0, within(1e-4));
        }
    }

    @Test
    void batchEmbeddingEqualsOneByOneEmbedding() {
        // More than one batch of 32, of mixed lengths, so sorting, chunking and padding are all exercised.
        List<String> texts = IntStream.range(0, 45)
                .mapToObj(i -> "Memory " + i + ": " + "the user mentioned their dog Rex ".repeat(1 + i % 7))
                .toList();

        float[][] batched = embedder.embed(texts);

        for (int i = 0; i < texts.size(); i++) {
            float[] single = embedder.embedQuery(texts.get(i));
            assertThat(batched[i]).containsExactly(single, within(1e-4f));
        }
    }

    @Test
    void aParaphraseIsCloserThanAnUnrelatedSentence() {
        float[] meeting = embedder.embedQuery("The meeting moved to Thursday afternoon");
        float[][] candidates = embedder.embed(List.of(
                "We rescheduled our sync to Thursday after lunch", "Bananas are rich in potassium"));

        double paraphrase = dot(meeting, candidates[0]);
        double unrelated = dot(meeting, candidates[1]);
        assertThat(paraphrase).isGreaterThan(unrelated + 0.1);
    }

    @Test
    void aQueryIsEmbeddedWithoutAnInstructionPrefix() {
        String text = "where does the user live";

        assertThat(embedder.embedQuery(text)).containsExactly(embedder.embed(List.of(text))[0], within(1e-6f));
    }

    @Test
    void textLongerThanTheModelContextIsTruncatedNotRejected() {
        String longText = "Alice told Bob about her trip to Lisbon and the food there. ".repeat(200);

        float[] vector = embedder.embedQuery(longText);

        assertThat(vector).hasSize(384);
        assertThat(norm(vector)).isCloseTo(1.0, within(1e-4));
    }

    @Test
    void tokenCountsAreWhatTheModelIsFedTruncatedToItsLimit() {
        // [CLS] hello world [SEP]
        assertThat(embedder.tokenCount("hello world")).isEqualTo(4);
        assertThat(embedder.tokenCount("word ".repeat(2_000))).isEqualTo(BgeSmallEmbedder.MAX_TOKENS);
    }

    @Test
    void anEmptyListGivesNoVectors() {
        assertThat(embedder.embed(List.of())).isEmpty();
    }

    @Test
    void aNullTextIsRejectedWithItsPosition() {
        List<String> texts = new ArrayList<>(List.of("a", "b"));
        texts.add(null);

        assertThatThrownBy(() -> embedder.embed(texts)).hasMessageContaining("text 2 of 3");
    }

    @Test
    void concurrentCallsFromFourThreadsGiveTheSameVectorsAsSequentialCalls() throws Exception {
        List<List<String>> work = IntStream.range(0, 4)
                .mapToObj(t -> IntStream.range(0, 20)
                        .mapToObj(i -> "thread " + t + " remembers fact number " + i + " about the garden")
                        .toList())
                .toList();
        List<float[][]> sequential = work.stream().map(embedder::embed).toList();

        List<float[][]> concurrent = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<float[][]>> futures = new ArrayList<>();
            for (List<String> texts : work) {
                Callable<float[][]> call = () -> embedder.embed(texts);
                futures.add(pool.submit(call));
            }
            for (Future<float[][]> future : futures) {
                concurrent.add(future.get());
            }
        }

        for (int t = 0; t < work.size(); t++) {
            for (int i = 0; i < work.get(t).size(); i++) {
                assertThat(concurrent.get(t)[i]).containsExactly(sequential.get(t)[i], within(1e-5f));
            }
        }
    }

    @Test
    void aClosedEmbedderRefusesWork() {
        try (BgeSmallEmbedder second = BgeSmallEmbedder.load(BgeModel.FP32, MODEL_CACHE)) {
            second.close();
            assertThatThrownBy(() -> second.embedQuery("hello")).isInstanceOf(IllegalStateException.class);
        }
    }

    static double norm(float[] vector) {
        return Math.sqrt(dot(vector, vector));
    }

    static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }

    @Test
    void closingWhileAnEmbeddingRunsWaitsForItInsteadOfFreeingTheSessionUnderIt() throws Exception {
        // Freeing the native session under a running inference crashes the whole JVM; this test would too.
        BgeSmallEmbedder own = BgeSmallEmbedder.load(BgeModel.FP32, MODEL_CACHE);
        List<String> texts = IntStream.range(0, 128).mapToObj(i -> "A long enough text to keep inference busy, number " + i
                + ", ".repeat(1) + "about the payment service and its queues ".repeat(8)).toList();
        java.util.concurrent.CompletableFuture<float[][]> running = java.util.concurrent.CompletableFuture.supplyAsync(() -> own.embed(texts));
        Thread.sleep(200);
        own.close();
        assertThat(running.get()).hasNumberOfRows(128);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> own.embed(List.of("after close")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }
}
