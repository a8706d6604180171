package dev.baton.knowledge.index;

import java.util.List;

/**
 * Field names of the index. One Lucene document per phrasing of an entry (the main question and each similar
 * question), all sharing the entry {@link #ID}; search de-duplicates by id. Text fields come in three analysed
 * shadows (suffixes {@link #ZH}, {@link #CJK}, {@link #EN}).
 */
public final class IndexFields {

    /** Entry id (keyword, stored, sorted doc values). */
    public static final String ID = "id";
    /** Source file, relative path (keyword, stored): the unit of atomic replacement. */
    public static final String FILE = "file";
    /** {@code "1"} on the document of the main phrasing: one per entry, used for counting. */
    public static final String PRIMARY = "primary";
    /** Unique key of one Lucene document ({@code file + NUL + ordinal}), for in-place doc-value updates. */
    public static final String DOC_KEY = "doc_key";
    /** Hubness of the document's vector: mean cosine to its nearest other entries (float bits, numeric doc values). */
    public static final String HUB = "hub";
    /** Hubness of the document's English vector among the English documents (float bits, numeric doc values). */
    public static final String HUB_EN = "hub_en";
    /** Language of the phrasing, {@code zh} or {@code en} ({@link DocLanguage}); keyword. */
    public static final String LANG = "lang";

    /** The phrasing (or section title) as analysed text. */
    public static final String QUESTION = "question";
    /** The answer (or chunk text) as analysed text. */
    public static final String BODY = "body";
    /** The category path as analysed text. */
    public static final String CATEGORY = "category";
    /**
     * The Chinese model's vector of an entry in one language (the mean of its phrasings' vectors, see
     * {@link EntryDocuments}), on the entry's first document of that language; the other phrasings have none.
     */
    public static final String VECTOR = "vector";
    /** The same by the English model: English phrasings only, when the knowledge base has an English model. */
    public static final String VECTOR_EN = "vector_en";
    /**
     * The Chinese model's vector of an FAQ entry's <em>answer</em> (binary doc values, float bits), on each document
     * that carries a {@link #VECTOR}: evidence for ranking and abstention besides the question (see
     * {@code AnswerEvidence}). A document chunk's is its one vector, which reads its title and text.
     */
    public static final String ANSWER_VECTOR = "answer_vector";
    /** The English model's vector of an English entry's answer, on each document that carries a {@link #VECTOR_EN}. */
    public static final String ANSWER_VECTOR_EN = "answer_vector_en";

    /** Stored-only fields returned with hits. */
    public static final String S_QUESTION = "s_question";
    public static final String S_ANSWER = "s_answer";
    public static final String S_CATEGORY = "s_category";
    public static final String S_HEADING = "s_heading";
    public static final String S_ROW = "s_row";

    public static final String ZH = "_zh";
    public static final String CJK = "_cjk";
    public static final String EN = "_en";

    static final List<String> TEXT_BASES = List.of(QUESTION, BODY, CATEGORY);

    private IndexFields() {
    }
}
