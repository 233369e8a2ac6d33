package com.memorylayer.retrieval.rerank;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.inference.Predictor;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.TranslateException;
import ai.djl.util.PairList;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A cross-encoder reranker (e.g. {@code cross-encoder/ms-marco-MiniLM-L-6-v2}) run through DJL's ONNX Runtime
 * engine: each (query, document) pair is encoded together and the model's single logit is its relevance score.
 *
 * <p>Loaded from a directory holding {@value #MODEL_FILE} and {@value #TOKENIZER_FILE}; no package ships these
 * weights and the model hub is out of reach, so an operator provides them. Thread-safe: one model, a predictor
 * per call.
 */
public final class CrossEncoder implements AutoCloseable {

    public static final String MODEL_FILE = "model.onnx";
    public static final String TOKENIZER_FILE = "tokenizer.json";
    private static final int MAX_TOKENS = 512;

    private final String name;
    private final HuggingFaceTokenizer tokenizer;
    private final ZooModel<PairList<String, String>, float[]> model;

    private CrossEncoder(String name, HuggingFaceTokenizer tokenizer, ZooModel<PairList<String, String>, float[]> model) {
        this.name = name;
        this.tokenizer = tokenizer;
        this.model = model;
    }

    /** True when {@code directory} holds both files a cross-encoder needs. */
    public static boolean isPresent(Path directory) {
        return directory != null && Files.isRegularFile(directory.resolve(MODEL_FILE))
                && Files.isRegularFile(directory.resolve(TOKENIZER_FILE));
    }

    public static CrossEncoder load(Path directory) {
        if (!isPresent(directory)) {
            throw new IllegalArgumentException("no cross-encoder in " + directory + ": it needs " + MODEL_FILE
                    + " and " + TOKENIZER_FILE);
        }
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        HuggingFaceTokenizer tokenizer;
        try {
            tokenizer = HuggingFaceTokenizer.builder()
                    .optTokenizerPath(directory.resolve(TOKENIZER_FILE))
                    .optTruncation(true)
                    .optPadding(true)
                    .optMaxLength(MAX_TOKENS)
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + directory.resolve(TOKENIZER_FILE), e);
        }
        try {
            ZooModel<PairList<String, String>, float[]> model = Criteria.builder()
                    .setTypes(pairListType(), float[].class)
                    .optEngine("OnnxRuntime")
                    .optDevice(Device.cpu())
                    .optModelPath(directory)
                    .optModelName("model")
                    .optTranslator(new PairLogitTranslator(tokenizer))
                    .build()
                    .loadModel();
            return new CrossEncoder(directory.getFileName().toString(), tokenizer, model);
        } catch (IOException | ModelNotFoundException | MalformedModelException | RuntimeException e) {
            tokenizer.close();
            throw new IllegalStateException("could not load the cross-encoder in " + directory, e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Class<PairList<String, String>> pairListType() {
        return (Class<PairList<String, String>>) (Class<?>) PairList.class;
    }

    /** One relevance score per document, in the documents' order; higher is more relevant. */
    public float[] score(String query, List<String> documents) {
        if (documents.isEmpty()) {
            return new float[0];
        }
        PairList<String, String> pairs = new PairList<>(documents.size());
        documents.forEach(d -> pairs.add(query, d));
        try (Predictor<PairList<String, String>, float[]> predictor = model.newPredictor()) {
            return predictor.predict(pairs);
        } catch (TranslateException e) {
            throw new IllegalStateException("cross-encoder inference failed", e);
        }
    }

    /** The directory's name, e.g. {@code ms-marco-MiniLM-L-6-v2}. */
    public String name() {
        return name;
    }

    @Override
    public void close() {
        model.close();
        tokenizer.close();
    }
}
