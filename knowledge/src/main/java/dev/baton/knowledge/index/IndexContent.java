package dev.baton.knowledge.index;

import org.apache.lucene.index.Term;
import org.apache.lucene.search.FieldExistsQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;

import java.io.IOException;

/**
 * What languages an index holds, which decides where a question is searched ({@code search.Route}).
 *
 * @param chinese        documents whose language is Chinese
 * @param english        documents whose language is English
 * @param englishVectors documents with an English-model vector
 */
public record IndexContent(int chinese, int english, int englishVectors) {

    /** An empty index. */
    public static final IndexContent EMPTY = new IndexContent(0, 0, 0);

    /** Counts the documents visible to {@code searcher}. */
    public static IndexContent of(IndexSearcher searcher) throws IOException {
        return new IndexContent(
                searcher.count(new TermQuery(new Term(IndexFields.LANG, DocLanguage.ZH.code()))),
                searcher.count(new TermQuery(new Term(IndexFields.LANG, DocLanguage.EN.code()))),
                searcher.count(new FieldExistsQuery(IndexFields.VECTOR_EN)));
    }

    /** True when there is nothing to search. */
    public boolean isEmpty() {
        return chinese + english == 0;
    }

    /** Documents of {@code language}. */
    public int documents(DocLanguage language) {
        return language == DocLanguage.ZH ? chinese : english;
    }
}
