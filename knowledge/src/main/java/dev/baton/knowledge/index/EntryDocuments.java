package dev.baton.knowledge.index;

import dev.baton.knowledge.ingest.KnowledgeEntry;
import dev.baton.text.Texts;
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
import java.util.List;

/** Maps entries to Lucene documents (one per phrasing) and says which text of each phrasing is embedded. */
public final class EntryDocuments {

    /** Characters of a section that are embedded (the model reads 512 tokens at most). */
    static final int MAX_EMBED_CHARS = 480;

    private final TextNormalizer normalizer;

    public EntryDocuments(TextNormalizer normalizer) {
        this.normalizer = normalizer;
    }

    /** The texts to embed for an entry, one per Lucene document, in {@link #documents} order. */
    public List<String> textsToEmbed(KnowledgeEntry entry) {
        if (entry.kind() == KnowledgeEntry.Kind.FAQ) {
            return entry.phrasings().stream().map(Texts::dense).toList();
        }
        String text = entry.question() + "\n" + entry.answer();
        return List.of(Texts.dense(text.length() > MAX_EMBED_CHARS ? text.substring(0, MAX_EMBED_CHARS) : text));
    }

    /**
     * The documents of an entry; {@code vectors} are unit-length, one per {@link #textsToEmbed} text. Documents get
     * the keys {@code docKey(file, firstOrdinal)}, {@code docKey(file, firstOrdinal + 1)}, ….
     */
    public List<Document> documents(KnowledgeEntry entry, String file, List<float[]> vectors, int firstOrdinal) {
        List<String> phrasings = entry.kind() == KnowledgeEntry.Kind.FAQ ? entry.phrasings() : List.of(entry.question());
        if (phrasings.size() != vectors.size()) {
            throw new IllegalArgumentException("expected " + phrasings.size() + " vectors, got " + vectors.size());
        }
        String body = normalizer.lexical(entry.answer());
        String category = normalizer.lexical(entry.category());
        List<Document> docs = new ArrayList<>(phrasings.size());
        for (int i = 0; i < phrasings.size(); i++) {
            Document d = new Document();
            d.add(new StringField(IndexFields.ID, entry.id(), Field.Store.YES));
            d.add(new SortedDocValuesField(IndexFields.ID, new BytesRef(entry.id())));
            d.add(new StringField(IndexFields.FILE, file, Field.Store.YES));
            d.add(new StringField(IndexFields.DOC_KEY, docKey(file, firstOrdinal + i), Field.Store.NO));
            d.add(new NumericDocValuesField(IndexFields.HUB, Float.floatToRawIntBits(0f)));
            if (i == 0) {
                d.add(new StringField(IndexFields.PRIMARY, "1", Field.Store.NO));
            }
            addShadows(d, IndexFields.QUESTION, normalizer.lexical(phrasings.get(i)));
            addShadows(d, IndexFields.BODY, body);
            addShadows(d, IndexFields.CATEGORY, category);
            d.add(new KnnFloatVectorField(IndexFields.VECTOR, vectors.get(i), VectorSimilarityFunction.DOT_PRODUCT));
            d.add(new StoredField(IndexFields.S_QUESTION, entry.question()));
            d.add(new StoredField(IndexFields.S_ANSWER, entry.answer()));
            d.add(new StoredField(IndexFields.S_CATEGORY, entry.category()));
            if (entry.citation().heading() != null) {
                d.add(new StoredField(IndexFields.S_HEADING, entry.citation().heading()));
            }
            if (entry.citation().row() != null) {
                d.add(new StoredField(IndexFields.S_ROW, entry.citation().row()));
            }
            docs.add(d);
        }
        return docs;
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
