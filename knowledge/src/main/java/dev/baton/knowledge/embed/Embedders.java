package dev.baton.knowledge.embed;

import dev.baton.knowledge.index.DocLanguage;
import dev.langchain4j.model.embedding.EmbeddingModel;

import java.util.Objects;
import java.util.Optional;

/**
 * The embedding models of a knowledge base: the Chinese model, which embeds every document and reads both scripts,
 * and optionally an English model for English documents and English questions.
 *
 * <p>Why two: bge-small-zh places every English sentence close to every other (on an English FAQ, unrelated questions
 * score 0.80–0.93 against some entry), so no threshold separates an English question the knowledge answers from one
 * it does not. bge-small-en, trained on English, spreads them out. An English phrasing is embedded with both models
 * (the Chinese vector keeps cross-language search possible for an index without English documents); an English
 * question is searched with the English model among English documents when there are any ({@code docs/knowledge.md},
 * "Languages").
 *
 * <p>With {@link #of(EmbeddingModel)} one model does everything (tests with a stand-in model, or a deployment that
 * wants the old behaviour). The English model may be a {@link LazyEmbeddingModel}: it is then loaded only when an
 * English text is embedded.
 */
public final class Embedders {

    private final EmbeddingModel chinese;
    private final EmbeddingModel english;

    private Embedders(EmbeddingModel chinese, EmbeddingModel english) {
        this.chinese = Objects.requireNonNull(chinese, "chinese");
        this.english = english;
    }

    /** One model for every text and language. */
    public static Embedders of(EmbeddingModel model) {
        return new Embedders(model, null);
    }

    /** The Chinese (and fallback) model, and the model for English text. */
    public static Embedders of(EmbeddingModel chinese, EmbeddingModel english) {
        return new Embedders(chinese, Objects.requireNonNull(english, "english"));
    }

    /** In-process bge-small-zh-v1.5-q and bge-small-en-v1.5-q, the English one loaded at its first use. */
    public static Embedders defaults() {
        return of(InProcessEmbeddings.bgeSmallZhQuantized(), InProcessEmbeddings.lazyBgeSmallEnQuantized());
    }

    /** The model that embeds every document and Chinese (or script-less) questions. */
    public EmbeddingModel chinese() {
        return chinese;
    }

    /** The English model, when there is one. */
    public Optional<EmbeddingModel> english() {
        return Optional.ofNullable(english);
    }

    /** The model for text of {@code language}: the English one for English when there is one, else the Chinese one. */
    public EmbeddingModel forLanguage(DocLanguage language) {
        return language == DocLanguage.EN && english != null ? english : chinese;
    }

    /** What an index records: both models' identities (a change of either rebuilds the index). */
    public String identity() {
        String zh = InProcessEmbeddings.identity(chinese);
        return english == null ? zh : zh + "+" + InProcessEmbeddings.identity(english);
    }
}
