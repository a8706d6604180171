package dev.baton.knowledge.search;

import dev.baton.knowledge.embed.Embedders;
import dev.baton.knowledge.index.DocLanguage;
import dev.baton.knowledge.index.IndexContent;
import dev.baton.knowledge.index.IndexFields;
import dev.langchain4j.model.embedding.EmbeddingModel;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * Where a question of one language is searched: which model embeds it, which vector field it is compared with, and
 * which documents take part. A question searches the documents of its own language when the index has any (an English
 * question is not answered from a Chinese entry while English entries exist, and the reverse); English ones with the
 * English model when the documents have its vectors. Otherwise it searches every document with the Chinese model,
 * which reads both scripts (a Chinese-only knowledge base still answers an English question it covers).
 *
 * @param language   the question's language
 * @param vectorField {@link IndexFields#VECTOR} or {@link IndexFields#VECTOR_EN}
 * @param hubField    the hubness field of that vector
 * @param filter      the documents' language, or {@code null} for every document
 */
public record Route(DocLanguage language, String vectorField, String hubField, DocLanguage filter) {

    /** The route of a question in {@code language} through an index holding {@code content}. */
    public static Route of(DocLanguage language, IndexContent content) {
        if (language == DocLanguage.EN && content.englishVectors() > 0) {
            return new Route(language, IndexFields.VECTOR_EN, IndexFields.HUB_EN, DocLanguage.EN);
        }
        if (content.documents(language) > 0) {
            return new Route(language, IndexFields.VECTOR, IndexFields.HUB, language);
        }
        return new Route(language, IndexFields.VECTOR, IndexFields.HUB, null);
    }

    /** Stable key, stored with the route's threshold in the manifest: {@code en:vector_en:en}, {@code en:vector:*}. */
    public String key() {
        return language.code() + ":" + vectorField + ":" + (filter == null ? "*" : filter.code());
    }

    /** The model that embeds the question on this route. */
    public EmbeddingModel model(Embedders embedders) {
        return IndexFields.VECTOR_EN.equals(vectorField) ? embedders.english().orElseThrow() : embedders.chinese();
    }

    /** The filter restricting the search to the route's documents, or {@code null}. */
    public Query filterQuery() {
        return filter == null ? null : new TermQuery(new Term(IndexFields.LANG, filter.code()));
    }
}
