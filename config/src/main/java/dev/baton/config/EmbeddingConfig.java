package dev.baton.config;

import dev.baton.core.config.ConfigProblems;
import dev.baton.core.config.Validated;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * {@code knowledge.embedding:} the operator's own embedding model for the knowledge search, per language, instead of
 * the packaged bge-small-zh-v1.5 / bge-small-en-v1.5 (docs/knowledge.md, "Using a stronger model"). Absent: the
 * packaged models, as before. Nothing is downloaded: a model is files on this machine or an API the operator names.
 *
 * <pre>
 * knowledge:
 *   embedding:
 *     english: { onnx: /models/en.onnx, tokenizer: /models/en-tokenizer.json, pooling: mean }
 *     chinese: { api: openai, base-url: https://api.example.com/v1, model: text-embedding-v3, api-key: ${KEY} }
 * </pre>
 *
 * @param chinese the model for every document and for Chinese (and script-less) questions; null: bge-small-zh
 * @param english the model for English documents and questions; null: bge-small-en
 */
public record EmbeddingConfig(Model chinese, Model english) implements Validated {

    /** No model configured: the packaged ones. */
    public static EmbeddingConfig packaged() {
        return new EmbeddingConfig(null, null);
    }

    /** True when at least one language has the operator's model. */
    public boolean configured() {
        return chinese != null || english != null;
    }

    @Override
    public void validate(String prefix, ConfigProblems problems) {
        if (chinese != null) {
            chinese.validate(prefix + ".chinese", problems);
        }
        if (english != null) {
            english.validate(prefix + ".english", problems);
        }
    }

    /**
     * One language's model: either ONNX files ({@code onnx}, {@code tokenizer}, {@code pooling}) or an
     * OpenAI-compatible API ({@code api: openai}, {@code base-url}, {@code model}, optionally {@code api-key},
     * {@code dimensions}, {@code timeout}).
     *
     * @param onnx       a BERT-style ONNX model file (inputs input_ids, attention_mask[, token_type_ids]; output
     *                   last_hidden_state)
     * @param tokenizer  its Hugging Face {@code tokenizer.json}
     * @param pooling    {@code cls} (the bge family) or {@code mean} (most sentence-transformers models)
     * @param api        {@code openai}
     * @param baseUrl    the API root that {@code /embeddings} hangs off
     * @param model      the API's model name
     * @param apiKey     bearer key; may be blank for a local server. Never logged
     * @param dimensions vector length to ask the API for (models that support it); default: the model's own
     * @param timeout    of one API call; default 20s
     */
    public record Model(Path onnx, Path tokenizer, String pooling, String api, URI baseUrl, String model,
                        String apiKey, Integer dimensions, Duration timeout) implements Validated {

        public Model {
            pooling = pooling == null ? null : pooling.strip().toLowerCase(Locale.ROOT);
            apiKey = apiKey == null ? "" : apiKey.strip();
        }

        /** True for a model in files, false for an API. */
        public boolean isFiles() {
            return onnx != null;
        }

        @Override
        public void validate(String prefix, ConfigProblems problems) {
            if (onnx == null && api == null) {
                problems.add(prefix, "set onnx: (a model file on this machine) with tokenizer: and pooling:, or "
                        + "api: openai with base-url: and model:; or remove it for the packaged model");
            } else if (onnx != null && api != null) {
                problems.add(prefix, "onnx: and api: are two kinds of model; keep one");
            } else if (onnx != null) {
                validateFiles(prefix, problems);
            } else {
                validateApi(prefix, problems);
            }
        }

        private void validateFiles(String prefix, ConfigProblems problems) {
            readable(prefix + ".onnx", onnx, "the model's .onnx file", problems);
            if (tokenizer == null) {
                problems.add(prefix + ".tokenizer", "required; the model's tokenizer.json (Hugging Face format)");
            } else {
                readable(prefix + ".tokenizer", tokenizer, "the model's tokenizer.json", problems);
            }
            if (pooling == null || !(pooling.equals("cls") || pooling.equals("mean"))) {
                problems.add(prefix + ".pooling", (pooling == null ? "required; " : "must be cls or mean, got "
                        + pooling + "; ") + "cls for the bge family, mean for most sentence-transformers models "
                        + "(the model card says which)");
            }
            if (baseUrl != null || model != null || !apiKey.isEmpty() || dimensions != null || timeout != null) {
                problems.add(prefix, "base-url, model, api-key, dimensions and timeout are for api: openai, not "
                        + "for an onnx file; remove them");
            }
        }

        private void validateApi(String prefix, ConfigProblems problems) {
            if (!"openai".equals(api.strip().toLowerCase(Locale.ROOT))) {
                problems.add(prefix + ".api", "must be openai (an OpenAI-compatible /embeddings API), got " + api);
            }
            if (baseUrl == null) {
                problems.add(prefix + ".base-url", "required; the API root that /embeddings hangs off, e.g. "
                        + "https://api.openai.com/v1");
            } else if (!"http".equals(baseUrl.getScheme()) && !"https".equals(baseUrl.getScheme())) {
                problems.add(prefix + ".base-url", "must be an http(s) URL, e.g. https://api.openai.com/v1");
            }
            problems.require(prefix + ".model", model, "the API's model name, e.g. text-embedding-3-small");
            if (dimensions != null && dimensions < 1) {
                problems.add(prefix + ".dimensions", "must be at least 1, got " + dimensions);
            }
            if (timeout != null && (timeout.isZero() || timeout.isNegative())) {
                problems.add(prefix + ".timeout", "must be positive; e.g. timeout: 20s");
            }
            if (tokenizer != null || pooling != null) {
                problems.add(prefix, "tokenizer and pooling are for an onnx file, not for an API; remove them");
            }
        }

        private static void readable(String key, Path file, String what, ConfigProblems problems) {
            if (Files.isDirectory(file)) {
                problems.add(key, file + " is a folder; name " + what + " in it");
            } else if (!Files.exists(file)) {
                problems.add(key, "file not found: " + file.toAbsolutePath().normalize() + " (" + what + "; Baton "
                        + "downloads no model, put it on this machine)");
            } else if (!Files.isReadable(file)) {
                problems.add(key, "cannot read " + file.toAbsolutePath().normalize() + "; give the user Baton runs "
                        + "as read access");
            }
        }

        @Override
        public String toString() {
            return "Model[onnx=" + onnx + ", tokenizer=" + tokenizer + ", pooling=" + pooling + ", api=" + api
                    + ", baseUrl=" + baseUrl + ", model=" + model + ", apiKey=" + (apiKey.isEmpty() ? "" : "***")
                    + ", dimensions=" + dimensions + ", timeout=" + timeout + "]";
        }
    }
}
