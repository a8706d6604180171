package dev.baton.knowledge.index;

import dev.baton.knowledge.ingest.KnowledgeEntry;
import dev.baton.text.Texts;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.util.BytesRef;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Maps entries to Lucene documents and says which text of each phrasing is embedded, in which language.
 *
 * <p>One document per phrasing (the main question and every similar phrasing; a section's title and text), tagged with
 * its {@link DocLanguage}, for BM25. The dense side holds <em>one vector per entry and language</em>, on the entry's
 * first document of that language: the normalised mean of the vectors of its phrasings in that language (the vector of
 * the phrasing itself when there is one), the entry's prototype. The Chinese model's vector always, the English
 * model's too for English phrasings when there is an English model. A customer's wording rarely equals one phrasing;
 * it is closer to what the phrasings have in common: on an English FAQ of 10 phrasings per entry, the right entry
 * ranked first for 0.887 of the questions with the mean, 0.832 with the best single phrasing, and at the same answer
 * precision more questions were answered (docs/knowledge.md, "Abstention").
 */
public final class EntryDocuments {

    /** Characters of a section that are embedded (the model reads 512 tokens at most). */
    static final int MAX_EMBED_CHARS = 480;

    private final TextNormalizer normalizer;

    public EntryDocuments(TextNormalizer normalizer) {
        this.normalizer = normalizer;
    }

    /** One text to embed: the dense form of a phrasing and its language. */
    public record Phrasing(String text, DocLanguage language) {
    }

    /** The documents of one entry and the hubness they need computed. */
    public record Built(List<Document> documents, List<Hubness.Pending> pending) {
    }

    /** The texts to embed for an entry, one per phrasing document, in {@link #build} order. */
    public List<Phrasing> phrasings(KnowledgeEntry entry) {
        if (entry.kind() == KnowledgeEntry.Kind.FAQ) {
            return entry.phrasings().stream()
                    .map(p -> new Phrasing(Texts.dense(p), DocLanguage.of(p)))
                    .toList();
        }
        String text = entry.question() + "\n" + entry.answer();
        String cut = text.length() > MAX_EMBED_CHARS ? text.substring(0, MAX_EMBED_CHARS) : text;
        return List.of(new Phrasing(Texts.dense(cut), DocLanguage.of(cut)));
    }

    /**
     * The dense form of an FAQ entry's answer, embedded besides its phrasings (see {@link IndexFields#ANSWER_VECTOR}),
     * or empty: document chunks (their one vector reads title and text already and serves as their answer vector) and
     * entries without an answer text.
     */
    public java.util.Optional<Phrasing> answer(KnowledgeEntry entry) {
        if (entry.kind() != KnowledgeEntry.Kind.FAQ || entry.answer() == null || entry.answer().isBlank()) {
            return java.util.Optional.empty();
        }
        String text = entry.answer().strip();
        String cut = text.length() > MAX_EMBED_CHARS ? text.substring(0, MAX_EMBED_CHARS) : text;
        return java.util.Optional.of(new Phrasing(Texts.dense(cut), DocLanguage.of(cut)));
    }

    /** As {@link #build(KnowledgeEntry, String, List, List, List, float[], float[], int)} for an entry without answer vectors. */
    public Built build(KnowledgeEntry entry, String file, List<Phrasing> phrasings, List<float[]> zh, List<float[]> en,
                       int firstOrdinal) {
        return build(entry, file, phrasings, zh, en, null, null, firstOrdinal);
    }

    /**
     * The documents of an entry, one per phrasing, keyed {@code docKey(file, firstOrdinal)}, {@code docKey(file,
     * firstOrdinal + 1)}, …
     *
     * @param zh unit vectors of the Chinese model, one per {@link #phrasings} text
     * @param en unit vectors of the English model, one per phrasing, {@code null} where there is none (not English,
     *           or no English model)
     * @param answerZh the Chinese model's unit vector of the entry's {@link #answer}, or {@code null}
     * @param answerEn the English model's one, or {@code null} (the answer is not English, or no English model)
     */
    public Built build(KnowledgeEntry entry, String file, List<Phrasing> phrasings, List<float[]> zh, List<float[]> en,
                       float[] answerZh, float[] answerEn, int firstOrdinal) {
        if (phrasings.size() != zh.size() || phrasings.size() != en.size()) {
            throw new IllegalArgumentException("expected " + phrasings.size() + " vectors, got " + zh.size() + " / "
                    + en.size());
        }
        List<String> texts = entry.kind() == KnowledgeEntry.Kind.FAQ ? entry.phrasings() : List.of(entry.question());
        String body = normalizer.lexical(entry.answer());
        String category = normalizer.lexical(entry.category());
        Map<DocLanguage, List<Integer>> byLanguage = new EnumMap<>(DocLanguage.class);
        for (int i = 0; i < phrasings.size(); i++) {
            byLanguage.computeIfAbsent(phrasings.get(i).language(), l -> new ArrayList<>()).add(i);
        }
        List<Document> docs = new ArrayList<>(phrasings.size());
        List<Hubness.Pending> pending = new ArrayList<>();
        for (int i = 0; i < phrasings.size(); i++) {
            int ordinal = firstOrdinal + i;
            Document d = base(entry, file, ordinal, phrasings.get(i).language());
            if (i == 0) {
                d.add(new StringField(IndexFields.PRIMARY, "1", Field.Store.NO));
            }
            addShadows(d, IndexFields.QUESTION, normalizer.lexical(texts.get(i)));
            addShadows(d, IndexFields.BODY, body);
            addShadows(d, IndexFields.CATEGORY, category);
            List<Integer> group = byLanguage.get(phrasings.get(i).language());
            if (group.get(0) == i) {
                boolean english = group.stream().allMatch(j -> en.get(j) != null);
                addVectors(d, docKey(file, ordinal), entry.id(), mean(group, zh), english ? mean(group, en) : null,
                        pending);
                if (answerZh != null) {
                    d.add(new BinaryDocValuesField(IndexFields.ANSWER_VECTOR, bytes(answerZh)));
                }
                if (english && answerEn != null) {
                    d.add(new BinaryDocValuesField(IndexFields.ANSWER_VECTOR_EN, bytes(answerEn)));
                }
            }
            docs.add(d);
        }
        return new Built(docs, pending);
    }

    private static Document base(KnowledgeEntry entry, String file, int ordinal, DocLanguage language) {
        Document d = new Document();
        d.add(new StringField(IndexFields.ID, entry.id(), Field.Store.YES));
        d.add(new SortedDocValuesField(IndexFields.ID, new BytesRef(entry.id())));
        d.add(new StringField(IndexFields.FILE, file, Field.Store.YES));
        d.add(new StringField(IndexFields.DOC_KEY, docKey(file, ordinal), Field.Store.NO));
        d.add(new StringField(IndexFields.LANG, language.code(), Field.Store.NO));
        d.add(new StoredField(IndexFields.S_QUESTION, entry.question()));
        d.add(new StoredField(IndexFields.S_ANSWER, entry.answer()));
        d.add(new StoredField(IndexFields.S_CATEGORY, entry.category()));
        if (entry.citation().heading() != null) {
            d.add(new StoredField(IndexFields.S_HEADING, entry.citation().heading()));
        }
        if (entry.citation().row() != null) {
            d.add(new StoredField(IndexFields.S_ROW, entry.citation().row()));
        }
        return d;
    }

    private static void addVectors(Document d, String key, String entryId, float[] zh, float[] en,
                                   List<Hubness.Pending> pending) {
        d.add(new KnnFloatVectorField(IndexFields.VECTOR, zh, VectorSimilarityFunction.DOT_PRODUCT));
        d.add(new NumericDocValuesField(IndexFields.HUB, Float.floatToRawIntBits(0f)));
        pending.add(new Hubness.Pending(key, entryId, zh, IndexFields.VECTOR));
        if (en != null) {
            d.add(new KnnFloatVectorField(IndexFields.VECTOR_EN, en, VectorSimilarityFunction.DOT_PRODUCT));
            d.add(new NumericDocValuesField(IndexFields.HUB_EN, Float.floatToRawIntBits(0f)));
            pending.add(new Hubness.Pending(key, entryId, en, IndexFields.VECTOR_EN));
        }
    }

    private static float[] mean(List<Integer> members, List<float[]> vectors) {
        if (members.size() == 1) {
            return vectors.get(members.get(0));
        }
        float[] sum = new float[vectors.get(members.get(0)).length];
        for (int i : members) {
            float[] v = vectors.get(i);
            for (int j = 0; j < sum.length; j++) {
                sum[j] += v[j];
            }
        }
        return unit(sum);
    }

    /** A vector as doc-value bytes (big-endian float bits), read back by {@link DocLookup#vectorsOf}. */
    static BytesRef bytes(float[] v) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(v.length * Float.BYTES);
        for (float x : v) {
            b.putFloat(x);
        }
        return new BytesRef(b.array());
    }

    /** The unique key of the {@code ordinal}-th document of a file. */
    public static String docKey(String file, int ordinal) {
        return file + '\u0000' + ordinal;
    }

    private static void addShadows(Document d, String base, String text) {
        if (text.isEmpty()) {
            return;
        }
        d.add(new TextField(base + IndexFields.ZH, text, Field.Store.NO));
        d.add(new TextField(base + IndexFields.CJK, text, Field.Store.NO));
        d.add(new TextField(base + IndexFields.EN, text, Field.Store.NO));
    }

    /** Scales a vector to unit length in place (DOT_PRODUCT requires it; remote models may not normalise). */
    public static float[] unit(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += x * x;
        }
        if (sum > 0 && Math.abs(sum - 1) > 1e-4) {
            float inv = (float) (1 / Math.sqrt(sum));
            for (int i = 0; i < v.length; i++) {
                v[i] *= inv;
            }
        }
        return v;
    }
}
