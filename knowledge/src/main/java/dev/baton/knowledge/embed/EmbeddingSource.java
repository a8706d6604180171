package dev.baton.knowledge.embed;

import dev.langchain4j.http.client.jdk.JdkHttpClient;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.langchain4j.model.openai.OpenAiEmbeddingModel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;

/**
 * An embedding model the operator configures instead of a packaged one ({@code knowledge.embedding} in
 * {@code baton.yaml}, docs/knowledge.md "Using a stronger model"): an ONNX file with its tokenizer on this machine, or
 * an OpenAI-compatible embeddings API. Nothing is downloaded: the files are the operator's, the API is the one the
 * operator names.
 *
 * <p>{@link #identity()} is what the index records for it (without loading it), so that another model, or the same
 * file changed, rebuilds the index and its calibration: for files, the SHA-256 of both files and the pooling; for an
 * API, its address, model name and dimensions (never the key).
 */
public sealed interface EmbeddingSource {

    /** What an index records for this model; known without loading it. */
    String identity();

    /** The model, loaded (files) or with its client built (API; no call is made). */
    EmbeddingModel load();

    /**
     * A BERT-style ONNX model ({@code input_ids}, {@code attention_mask}, optionally {@code token_type_ids} in;
     * {@code last_hidden_state} out) and its Hugging Face {@code tokenizer.json}, run in process by LangChain4j's
     * {@link OnnxEmbeddingModel}.
     *
     * @param pooling {@link PoolingMode#CLS} for the bge family, {@link PoolingMode#MEAN} for most sentence-transformers
     */
    record OnnxFiles(Path onnx, Path tokenizer, PoolingMode pooling) implements EmbeddingSource {

        public OnnxFiles {
            Objects.requireNonNull(onnx, "onnx");
            Objects.requireNonNull(tokenizer, "tokenizer");
            Objects.requireNonNull(pooling, "pooling");
        }

        @Override
        public String identity() {
            return "onnx:" + onnx.getFileName() + "@" + sha256(onnx) + "+" + tokenizer.getFileName() + "@"
                    + sha256(tokenizer) + ":" + pooling.name().toLowerCase(java.util.Locale.ROOT);
        }

        /**
         * Loads the files and embeds one word, so that a file that is not such a model fails here, at start, with
         * its name, rather than at the first customer question.
         */
        @Override
        public EmbeddingModel load() {
            DjlOffline.apply(); // before the tokenizer is created: it is what would call home
            try {
                OnnxEmbeddingModel model = new OnnxEmbeddingModel(onnx, tokenizer, pooling);
                model.embed("test");
                return model;
            } catch (RuntimeException e) {
                Throwable root = e;
                while (root.getCause() != null && root.getCause() != root) {
                    root = root.getCause();
                }
                throw new IllegalStateException("cannot use " + onnx + " with " + tokenizer + " as an embedding "
                        + "model: " + root.getMessage(), e);
            }
        }

        /** The first 16 hex digits of the file's SHA-256. */
        private static String sha256(Path file) {
            try (InputStream in = Files.newInputStream(file)) {
                MessageDigest md = MessageDigest.getInstance("SHA-256");
                byte[] buf = new byte[1 << 16];
                for (int n; (n = in.read(buf)) > 0; ) {
                    md.update(buf, 0, n);
                }
                return HexFormat.of().formatHex(md.digest()).substring(0, 16);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * An OpenAI-compatible {@code /embeddings} endpoint (OpenAI, DashScope compatible mode, Ollama or vLLM
     * {@code /v1}, …) through LangChain4j's {@link OpenAiEmbeddingModel}.
     *
     * @param baseUrl    the API root that {@code /embeddings} hangs off
     * @param model      the model name, e.g. {@code text-embedding-3-small}
     * @param apiKey     bearer key, or blank for a local server; never logged nor part of the identity
     * @param dimensions the vector length to ask for, or null for the model's own
     * @param timeout    of one HTTP call
     */
    record OpenAiApi(URI baseUrl, String model, String apiKey, Integer dimensions, Duration timeout)
            implements EmbeddingSource {

        public OpenAiApi {
            Objects.requireNonNull(baseUrl, "baseUrl");
            Objects.requireNonNull(model, "model");
            timeout = timeout != null ? timeout : Duration.ofSeconds(20);
        }

        @Override
        public String identity() {
            return "openai:" + baseUrl + "|" + model + (dimensions == null ? "" : ":" + dimensions);
        }

        @Override
        public EmbeddingModel load() {
            return OpenAiEmbeddingModel.builder()
                    .httpClientBuilder(JdkHttpClient.builder()
                            .httpClientBuilder(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)))
                    .baseUrl(baseUrl.toString())
                    .apiKey(apiKey == null || apiKey.isBlank() ? null : apiKey)
                    .modelName(model)
                    .dimensions(dimensions)
                    .timeout(timeout)
                    .maxRetries(1)
                    .logRequests(false)
                    .logResponses(false)
                    .build();
        }

        @Override
        public String toString() {
            return "OpenAiApi[baseUrl=" + baseUrl + ", model=" + model + ", apiKey=" + (apiKey == null ? "null"
                    : "***") + ", dimensions=" + dimensions + ", timeout=" + timeout + "]";
        }
    }
}
