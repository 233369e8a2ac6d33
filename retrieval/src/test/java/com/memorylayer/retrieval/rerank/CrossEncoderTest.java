package com.memorylayer.retrieval.rerank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.memorylayer.retrieval.embedding.BgeModel;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The cross-encoder's loading and scoring path on a real ONNX file made here (see {@link TinyOnnxGraph}) with a
 * real BERT tokenizer: every pair's score must equal the number of tokens the document occupies in the pair.
 */
class CrossEncoderTest {

    static Path directory;
    static CrossEncoder encoder;
    static HuggingFaceTokenizer tokenizer;

    @BeforeAll
    static void model() throws Exception {
        directory = Files.createDirectories(Path.of("target", "tiny-cross-encoder"));
        TinyOnnxGraph.writeDocumentLengthModel(directory.resolve(CrossEncoder.MODEL_FILE));
        try (InputStream in = CrossEncoderTest.class.getClassLoader().getResourceAsStream(BgeModel.FP32.tokenizerResource())) {
            Files.copy(in, directory.resolve(CrossEncoder.TOKENIZER_FILE), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        encoder = CrossEncoder.load(directory);
        tokenizer = HuggingFaceTokenizer.newInstance(directory.resolve(CrossEncoder.TOKENIZER_FILE));
    }

    @AfterAll
    static void close() {
        encoder.close();
        tokenizer.close();
    }

    /** Tokens of the document segment: its word pieces plus the closing [SEP]. */
    private static float documentTokens(String document) {
        return tokenizer.encode(document).getIds().length - 2 + 1;
    }

    @Test
    void everyPairIsScoredByTheModelInTheDocumentsOrder() {
        List<String> documents = List.of("short", "a somewhat longer document about tokenizers",
                "the longest document of the three, with punctuation: commas, colons and more words");

        float[] scores = encoder.score("which document is longest?", documents);

        assertThat(scores).containsExactly(documentTokens(documents.get(0)), documentTokens(documents.get(1)),
                documentTokens(documents.get(2)));
        assertThat(scores[2]).isGreaterThan(scores[1]).isGreaterThan(scores[0]);
    }

    @Test
    void paddingInABatchDoesNotChangeAScore() {
        float alone = encoder.score("q", List.of("one two three"))[0];
        float batched = encoder.score("q", List.of("one two three", "a much longer neighbour that forces padding on the first"))[0];
        assertThat(batched).isEqualTo(alone);
    }

    @Test
    void noDocumentsMeansNoScores() {
        assertThat(encoder.score("q", List.of())).isEmpty();
    }

    @Test
    void aDirectoryWithoutTheModelIsReportedClearly() throws Exception {
        Path empty = Files.createDirectories(Path.of("target", "no-cross-encoder"));
        assertThat(CrossEncoder.isPresent(empty)).isFalse();
        assertThatThrownBy(() -> CrossEncoder.load(empty)).hasMessageContaining("model.onnx");
    }

    @Test
    void theNameIsTheDirectorys() {
        assertThat(encoder.name()).isEqualTo("tiny-cross-encoder");
    }
}
