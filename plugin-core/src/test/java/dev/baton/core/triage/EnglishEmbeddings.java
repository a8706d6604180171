package dev.baton.core.triage;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * bge-small-en-v1.5 (quantised) from LangChain4j's bundled artefact with a single-threaded ONNX session, for the
 * evals and the bench: the same session settings as the app's {@code InProcessEmbeddings.bgeSmallEnQuantized()} in
 * the knowledge module (repeated here so that {@code mvn -pl plugin-core} works against the installed knowledge jar).
 * Nothing is downloaded.
 */
public final class EnglishEmbeddings {

    private static EmbeddingModel shared;

    private EnglishEmbeddings() {
    }

    public static synchronized EmbeddingModel bgeSmallEnQuantized() {
        if (shared == null) {
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
                 InputStream onnx = open("bge-small-en-v1.5-q.onnx");
                 InputStream tokenizer = open("bge-small-en-v1.5-q-tokenizer.json")) {
                options.setIntraOpNumThreads(1);
                options.addConfigEntry("session.intra_op.allow_spinning", "0");
                options.setInterOpNumThreads(1);
                options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
                options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
                OrtSession session = env.createSession(onnx.readAllBytes(), options);
                OnnxBertBiEncoder encoder = new OnnxBertBiEncoder(env, session, tokenizer, PoolingMode.CLS);
                shared = new AbstractInProcessEmbeddingModel(null) {
                    @Override
                    protected OnnxBertBiEncoder model() {
                        return encoder;
                    }

                    @Override
                    protected Integer knownDimension() {
                        return 384;
                    }
                };
            } catch (OrtException e) {
                throw new IllegalStateException(e);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared;
    }

    private static InputStream open(String resource) {
        InputStream in = EnglishEmbeddings.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException(resource + " not on the class path");
        }
        return in;
    }
}
