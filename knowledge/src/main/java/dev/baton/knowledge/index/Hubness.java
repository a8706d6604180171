package dev.baton.knowledge.index;

import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ScoreDoc;

import java.io.IOException;
import java.util.List;

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

    /**
     * A document vector written in this sync: the document's key, entry id, unit vector and the vector field it is in
     * ({@link IndexFields#VECTOR}, or {@link IndexFields#VECTOR_EN} whose hubness is among English documents only).
     */
    public record Pending(String docKey, String entryId, float[] vector, String field) {

        /** The doc-values field its hubness goes to. */
        String hubField() {
            return IndexFields.VECTOR_EN.equals(field) ? IndexFields.HUB_EN : IndexFields.HUB;
        }
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
                ScoreDoc[] docs = searcher.search(new KnnFloatVectorQuery(p.field(), p.vector(), depth), depth).scoreDocs;
                double sum = 0;
                int n = 0;
                for (ScoreDoc sd : docs) {
                    if (n == NEIGHBOURS) {
                        break;
                    }
                    if (p.entryId().equals(DocLookup.idOf(leaves, sd.doc))) {
                        continue; // itself and its own phrasings
                    }
                    sum += 2 * sd.score - 1; // DOT_PRODUCT score is (1 + cos) / 2
                    n++;
                }
                float hub = n == 0 ? 0f : (float) (sum / n);
                writer.updateNumericDocValue(new Term(IndexFields.DOC_KEY, p.docKey()), p.hubField(),
                        Float.floatToRawIntBits(hub));
            }
        }
    }
}
