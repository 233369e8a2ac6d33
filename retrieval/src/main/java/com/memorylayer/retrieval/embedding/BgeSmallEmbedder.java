package com.memorylayer.retrieval.embedding;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.inference.Predictor;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.TranslateException;
import ai.djl.util.Utils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.IntStream;

/**
 * BAAI/bge-small-en-v1.5 run in process by ONNX Runtime through DJL, from the model files shipped on the
 * classpath: no network, no model hub.
 *
 * <p>A sentence vector is the final hidden state of the {@code [CLS]} token, L2-normalised (see
 * {@link ClsPoolingTranslator}). Input is cut to {@value #MAX_TOKENS} tokens, the model's context.
 *
 * <p>Queries are embedded as they are: bge's query instruction ("Represent this sentence for searching
 * relevant passages: ") measured worse on our conversational memories, so {@link #embedQuery} and
 * {@link #embed} produce identical vectors for identical text.
 *
 * <p>Thread-safe: the model (one ONNX Runtime session, which allows concurrent runs) is loaded once, and each
 * call gets its own short-lived DJL {@link Predictor}, since a predictor is not safe to share.
 */
public final class BgeSmallEmbedder implements TextEmbedder {

    /** Length of a bge-small vector. */
    public static final int DIMENSION = 384;

    /** Longest input the model takes, {@code [CLS]} and {@code [SEP]} included; the rest is dropped. */
    public static final int MAX_TOKENS = 512;

    /**
     * Texts per inference. Bigger batches amortise the call overhead but pad every text to the longest in
     * the batch; texts are sorted by length before batching to keep that padding small.
     */
    static final int BATCH_SIZE = 32;

    private static final String ENGINE = "OnnxRuntime";
    private static final String OFFLINE_PROPERTY = "ai.djl.offline";
    private static final String CACHE_DIR_PROPERTY = "DJL_CACHE_DIR";

    private final BgeModel variant;
    private final HuggingFaceTokenizer tokenizer;
    private final ZooModel<String[], float[][]> model;
    private volatile boolean closed;
    /** Inference holds it shared, close exclusively: freeing the native session under a running call crashes the JVM. */
    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();

    private BgeSmallEmbedder(BgeModel variant, HuggingFaceTokenizer tokenizer, ZooModel<String[], float[][]> model) {
        this.variant = variant;
        this.tokenizer = tokenizer;
        this.model = model;
    }

    /**
     * Loads a variant of the model, copying its files from the classpath into {@code cacheDirectory} first
     * unless an intact copy is already there.
     *
     * <p>Turns on DJL's offline mode ({@code ai.djl.offline=true}) if nothing set it, and refuses to run if it
     * was turned off, so DJL can never try to download anything. If {@code DJL_CACHE_DIR} is unset, DJL's
     * native libraries are unpacked under {@code cacheDirectory/djl} rather than in the home directory.
     *
     * @throws IllegalStateException if DJL is not offline, or the model files are missing or do not load
     * @throws UncheckedIOException if the files cannot be copied into {@code cacheDirectory}
     */
    public static BgeSmallEmbedder load(BgeModel variant, Path cacheDirectory) {
        return load(variant, cacheDirectory, 0);
    }

    /**
     * As {@link #load(BgeModel, Path)}, with the number of threads one inference spreads over: 0 for every core
     * (best for batches), 1 for single queries on a busy machine, where a parallel section waits for its slowest
     * thread and any other work on a core stalls it.
     */
    public static BgeSmallEmbedder load(BgeModel variant, Path cacheDirectory, int intraOpThreads) {
        if (intraOpThreads < 0) {
            throw new IllegalArgumentException("intra-op threads must be 0 (all cores) or more, was " + intraOpThreads);
        }
        if (variant == null) {
            throw new IllegalArgumentException("model variant must not be null");
        }
        if (cacheDirectory == null) {
            throw new IllegalArgumentException("cache directory must not be null");
        }
        prepareDjl(cacheDirectory);
        Path modelFile;
        Path tokenizerFile;
        try {
            ModelFileCache files = new ModelFileCache(cacheDirectory);
            modelFile = files.fileFor(variant.modelResource());
            tokenizerFile = files.fileFor(variant.tokenizerResource());
        } catch (IOException e) {
            throw new UncheckedIOException("could not copy " + variant + " model files into " + cacheDirectory, e);
        }
        HuggingFaceTokenizer tokenizer = loadTokenizer(tokenizerFile);
        ZooModel<String[], float[][]> model;
        try {
            model = Criteria.builder()
                    .setTypes(String[].class, float[][].class)
                    .optEngine(ENGINE)
                    // CPU always: the onnxruntime jar has no CUDA provider, even on a machine with a GPU.
                    .optDevice(Device.cpu())
                    // A directory plus a name (the file minus ".onnx"), which is how DJL expects a local model.
                    .optModelPath(modelFile.getParent())
                    .optModelName(stripSuffix(modelFile.getFileName().toString(), ".onnx"))
                    .optTranslator(new ClsPoolingTranslator(tokenizer))
                    // One operator at a time, each spread over every core: measured on 2 cores with LoCoMo turns
                    // this embeds 80-86 texts/s (fp32) where DJL's defaults gave 45-60 (bench embed).
                    .optOption("intraOpNumThreads", Integer.toString(
                            intraOpThreads == 0 ? Runtime.getRuntime().availableProcessors() : intraOpThreads))
                    .optOption("interOpNumThreads", "1")
                    .build()
                    .loadModel();
        } catch (IOException | ModelNotFoundException | MalformedModelException | RuntimeException e) {
            tokenizer.close();
            throw new IllegalStateException("could not load " + modelFile + " into " + ENGINE, e);
        }
        BgeSmallEmbedder embedder = new BgeSmallEmbedder(variant, tokenizer, model);
        try {
            embedder.checkDimension();
        } catch (RuntimeException e) {
            embedder.close();
            throw e;
        }
        return embedder;
    }

    @Override
    public float[][] embed(List<String> texts) {
        if (texts == null) {
            throw new IllegalArgumentException("texts must not be null");
        }
        for (int i = 0; i < texts.size(); i++) {
            if (texts.get(i) == null) {
                throw new IllegalArgumentException("text " + i + " of " + texts.size() + " is null");
            }
        }
        lifecycle.readLock().lock();
        try {
            if (closed) {
                throw new IllegalStateException("embedder " + modelName() + " is closed");
            }
            return embedOpen(texts);
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    private float[][] embedOpen(List<String> texts) {
        float[][] vectors = new float[texts.size()][];
        if (texts.isEmpty()) {
            return vectors;
        }
        // Longest first, so each batch holds texts of similar length and little padding.
        int[] order = IntStream.range(0, texts.size())
                .boxed()
                .sorted(Comparator.comparingInt((Integer i) -> texts.get(i).length()).reversed())
                .mapToInt(Integer::intValue)
                .toArray();
        try (Predictor<String[], float[][]> predictor = model.newPredictor()) {
            for (int start = 0; start < order.length; start += BATCH_SIZE) {
                int[] batch = Arrays.copyOfRange(order, start, Math.min(order.length, start + BATCH_SIZE));
                String[] batchTexts = new String[batch.length];
                for (int j = 0; j < batch.length; j++) {
                    batchTexts[j] = texts.get(batch[j]);
                }
                float[][] batchVectors = predictor.predict(batchTexts);
                for (int j = 0; j < batch.length; j++) {
                    vectors[batch[j]] = batchVectors[j];
                }
            }
        } catch (TranslateException e) {
            throw new IllegalStateException("embedding " + texts.size() + " texts with " + modelName() + " failed", e);
        }
        return vectors;
    }

    @Override
    public float[] embedQuery(String query) {
        if (query == null) {
            throw new IllegalArgumentException("query must not be null");
        }
        return embed(List.of(query))[0];
    }

    @Override
    public int tokenCount(String text) {
        if (text == null) {
            throw new IllegalArgumentException("text must not be null");
        }
        lifecycle.readLock().lock();
        try {
            if (closed) {
                throw new IllegalStateException("embedder " + modelName() + " is closed");
            }
            // The tokenizer truncates to the model's limit, so this is what inference sees.
            return tokenizer.encode(text).getIds().length;
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    @Override
    public int dimension() {
        return DIMENSION;
    }

    @Override
    public String modelName() {
        return variant.modelName();
    }

    /** The variant this embedder runs. */
    public BgeModel variant() {
        return variant;
    }

    /** Releases the ONNX session and the tokenizer once the calls running finish; later calls fail. */
    @Override
    public void close() {
        lifecycle.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            model.close();
            tokenizer.close();
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    private void checkDimension() {
        // Also warms the session up, so the first real request does not pay for graph initialisation.
        int actual = embedQuery("warm-up").length;
        if (actual != DIMENSION) {
            throw new IllegalStateException(
                    variant.modelResource() + " produces " + actual + "-d vectors, expected " + DIMENSION);
        }
    }

    private static HuggingFaceTokenizer loadTokenizer(Path tokenizerFile) {
        try {
            return HuggingFaceTokenizer.builder()
                    .optTokenizerPath(tokenizerFile)
                    .optTruncation(true)
                    .optPadding(true)
                    .optMaxLength(MAX_TOKENS)
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read tokenizer " + tokenizerFile, e);
        }
    }

    private static String stripSuffix(String name, String suffix) {
        return name.endsWith(suffix) ? name.substring(0, name.length() - suffix.length()) : name;
    }

    /** Offline mode on, and DJL's native libraries unpacked under the cache directory unless told otherwise. */
    static void prepareDjl(Path cacheDirectory) {
        requireOfflineMode();
        if (Utils.getEnvOrSystemProperty(CACHE_DIR_PROPERTY) == null) {
            System.setProperty(CACHE_DIR_PROPERTY, cacheDirectory.toAbsolutePath().resolve("djl").toString());
        }
    }

    private static void requireOfflineMode() {
        if (System.getProperty(OFFLINE_PROPERTY) == null) {
            System.setProperty(OFFLINE_PROPERTY, "true");
        }
        // DJL reads the DJL_OFFLINE environment variable before the property; both must agree.
        if (!Utils.isOfflineMode()) {
            throw new IllegalStateException("DJL must run offline (ai.djl.offline=true, DJL_OFFLINE unset or true),"
                    + " got ai.djl.offline=" + System.getProperty(OFFLINE_PROPERTY)
                    + ", DJL_OFFLINE=" + System.getenv("DJL_OFFLINE"));
        }
    }
}
