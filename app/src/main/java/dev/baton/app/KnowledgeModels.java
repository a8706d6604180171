package dev.baton.app;

import dev.baton.config.BatonConfig;
import dev.baton.config.EmbeddingConfig;
import dev.baton.knowledge.KnowledgeBase;
import dev.baton.knowledge.embed.CachingEmbeddingModel;
import dev.baton.knowledge.embed.ConfiguredEmbeddingModel;
import dev.baton.knowledge.embed.EmbeddingSource;
import dev.baton.knowledge.embed.Embedders;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedding models of the knowledge search: the packaged bge-small-zh / bge-small-en, or per language the
 * operator's model of {@code knowledge.embedding} (docs/knowledge.md, "Using a stronger model"). Without that block
 * the knowledge gets exactly what it got before: the same instances, the same index identity.
 *
 * <p>Only the knowledge search (and so its index, calibration and abstention) uses a configured model. Triage's
 * example vectors and its thresholds, the trained English sentiment classifier and the inbox's question similarity
 * keep the packaged models: their thresholds and weights were fitted to those vectors and would mean nothing in
 * another model's space.
 */
public final class KnowledgeModels {

    private static final Logger log = LoggerFactory.getLogger(KnowledgeModels.class);

    private KnowledgeModels() {
    }

    /** For a command without a server ({@code baton ask}, {@code baton index}, {@code baton eval retrieval}). */
    public static Embedders embedders(BatonConfig.Knowledge config) {
        EmbeddingConfig e = config.embedding();
        if (!e.configured()) {
            return KnowledgeBase.defaultEmbedders();
        }
        Embedders packaged = KnowledgeBase.defaultEmbedders();
        return embedders(config, packaged.chinese(), packaged.english().orElseThrow());
    }

    /**
     * With the packaged models given (the server's cached instances, shared with triage): those where no model is
     * configured, each configured one loaded now (a file that is not a model fails the start, naming it) behind a
     * cache of its own.
     */
    static Embedders embedders(BatonConfig.Knowledge config, EmbeddingModel packagedChinese,
                               EmbeddingModel packagedEnglish) {
        EmbeddingConfig e = config.embedding();
        EmbeddingModel chinese = e.chinese() == null ? packagedChinese
                : load("knowledge.embedding.chinese", e.chinese(), 2048);
        EmbeddingModel english = e.english() == null ? packagedEnglish
                : load("knowledge.embedding.english", e.english(), 1024);
        return Embedders.of(chinese, english);
    }

    /** The knowledge library's description of a configured model. */
    static EmbeddingSource source(EmbeddingConfig.Model m) {
        if (m.isFiles()) {
            return new EmbeddingSource.OnnxFiles(m.onnx(), m.tokenizer(),
                    "mean".equals(m.pooling()) ? PoolingMode.MEAN : PoolingMode.CLS);
        }
        return new EmbeddingSource.OpenAiApi(m.baseUrl(), m.model(), m.apiKey(), m.dimensions(), m.timeout());
    }

    private static EmbeddingModel load(String key, EmbeddingConfig.Model m, int cacheSize) {
        EmbeddingSource source = source(m);
        long start = System.nanoTime();
        ConfiguredEmbeddingModel model;
        try {
            model = ConfiguredEmbeddingModel.load(source);
        } catch (RuntimeException ex) {
            throw new IllegalStateException(key + ": " + ex.getMessage(), ex);
        }
        log.info("{}: {} ({} ms)", key, model.identity(), (System.nanoTime() - start) / 1_000_000);
        return new CachingEmbeddingModel(model, cacheSize);
    }
}
