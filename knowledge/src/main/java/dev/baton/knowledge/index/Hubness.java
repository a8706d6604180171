package dev.baton.knowledge.index;

import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ScoreDoc;

import java.io.IOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Hubness of each document vector, for the hubness correction of dense scores (CSLS, Conneau et al. 2018,
 * "Word translation without parallel data"): some entries are close to everything (generic questions such as
 * "花呗怎么用") and win queries that belong to a more specific entry. The hubness of a document is the mean cosine to
 * its {@link #NEIGHBOURS} nearest documents of <em>other</em> entries; the searcher subtracts a share of it.
 *
 * <p>Computed for the documents written in a sync, against the index as it will be after the sync (a private
 * near-real-time reader, so searchers still see the old state), then stored in place as numeric doc values.
 * Hubness of unchanged documents is not recomputed when their neighbourhood changes; a full rebuild refreshes it.
 */
public final class Hubness {

    /** Neighbours averaged (tuned on the ATEC dev set: 20–50 were equivalent). */
    public static final int NEIGHBOURS = 20;

    private Hubness() {
    }

    /** A document written in this sync: its key, entry id and unit vector. */
    public record Pending(String docKey, String entryId, float[] vector) {
    }

    /** Computes and stores the hubness of {@code pending} documents. */
    public static void update(IndexWriter writer, List<Pending> pending) throws IOException {
        if (pending.isEmpty()) {
            return;
        }
        try (DirectoryReader reader = DirectoryReader.open(writer)) {
            IndexSearcher searcher = new IndexSearcher(reader);
            List<LeafReaderContext> leaves = reader.leaves();
            int depth = NEIGHBOURS + 8;
            for (Pending p : pending) {
                ScoreDoc[] docs = searcher.search(new KnnFloatVectorQuery(IndexFields.VECTOR, p.vector(), depth), depth).scoreDocs;
                double sum = 0;
                int n = 0;
                for (ScoreDoc sd : docs) {
                    if (n == NEIGHBOURS) {
                        break;
                    }
                    if (p.entryId().equals(idOf(leaves, sd.doc))) {
                        continue; // itself and its own phrasings
                    }
                    sum += 2 * sd.score - 1; // DOT_PRODUCT score is (1 + cos) / 2
                    n++;
                }
                float hub = n == 0 ? 0f : (float) (sum / n);
                writer.updateNumericDocValue(new Term(IndexFields.DOC_KEY, p.docKey()), IndexFields.HUB, Float.floatToRawIntBits(hub));
            }
        }
    }

    /** The hubness stored for each of {@code docs} (absent: 0), read with one forward iterator per segment. */
    public static Map<Integer, Float> readAll(List<LeafReaderContext> leaves, Collection<Integer> docs) throws IOException {
        Map<Integer, Float> hubs = new HashMap<>(docs.size() * 2);
        int leafIndex = -1;
        NumericDocValues values = null;
        int docBase = 0;
        for (int doc : docs.stream().sorted().toList()) {
            int li = ReaderUtil.subIndex(doc, leaves);
            if (li != leafIndex) {
                leafIndex = li;
                values = leaves.get(li).reader().getNumericDocValues(IndexFields.HUB);
                docBase = leaves.get(li).docBase;
            }
            if (values != null && values.advanceExact(doc - docBase)) {
                hubs.put(doc, Float.intBitsToFloat((int) values.longValue()));
            }
        }
        return hubs;
    }

    /** The entry id of a document. */
    public static String idOf(List<LeafReaderContext> leaves, int doc) throws IOException {
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
        SortedDocValues ids = leaf.reader().getSortedDocValues(IndexFields.ID);
        if (ids == null || !ids.advanceExact(doc - leaf.docBase)) {
            throw new IllegalStateException("document without id: " + doc);
        }
        return ids.lookupOrd(ids.ordValue()).utf8ToString();
    }
}
