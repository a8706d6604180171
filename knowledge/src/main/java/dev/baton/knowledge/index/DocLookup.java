package dev.baton.knowledge.index;

import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldExistsQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.util.BytesRef;

import java.io.IOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-document lookups (entry id, hubness, answer vectors, an entry's vector document) for a handful of top-level doc
 * ids.
 */
public final class DocLookup {

    private DocLookup() {
    }

    /** The hubness stored in {@code field} for each of {@code docs} (absent: 0), one forward iterator per segment. */
    public static Map<Integer, Float> hubsOf(List<LeafReaderContext> leaves, Collection<Integer> docs, String field)
            throws IOException {
        Map<Integer, Float> hubs = new HashMap<>(docs.size() * 2);
        int leafIndex = -1;
        NumericDocValues values = null;
        int docBase = 0;
        for (int doc : docs.stream().sorted().toList()) {
            int li = ReaderUtil.subIndex(doc, leaves);
            if (li != leafIndex) {
                leafIndex = li;
                values = leaves.get(li).reader().getNumericDocValues(field);
                docBase = leaves.get(li).docBase;
            }
            if (values != null && values.advanceExact(doc - docBase)) {
                hubs.put(doc, Float.intBitsToFloat((int) values.longValue()));
            }
        }
        return hubs;
    }

    /** The vectors stored as binary doc values in {@code field} for each of {@code docs} (absent: none). */
    public static Map<Integer, float[]> vectorsOf(List<LeafReaderContext> leaves, Collection<Integer> docs, String field)
            throws IOException {
        Map<Integer, float[]> out = new HashMap<>(docs.size() * 2);
        int leafIndex = -1;
        BinaryDocValues values = null;
        int docBase = 0;
        for (int doc : docs.stream().sorted().toList()) {
            int li = ReaderUtil.subIndex(doc, leaves);
            if (li != leafIndex) {
                leafIndex = li;
                values = leaves.get(li).reader().getBinaryDocValues(field);
                docBase = leaves.get(li).docBase;
            }
            if (values != null && values.advanceExact(doc - docBase)) {
                BytesRef b = values.binaryValue();
                java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(b.bytes, b.offset, b.length);
                float[] v = new float[b.length / Float.BYTES];
                for (int i = 0; i < v.length; i++) {
                    v[i] = buf.getFloat();
                }
                out.put(doc, v);
            }
        }
        return out;
    }

    /** The entry ids of {@code docs}, read with one forward iterator per segment. */
    public static Map<Integer, String> idsOf(List<LeafReaderContext> leaves, Collection<Integer> docs) throws IOException {
        Map<Integer, String> ids = new HashMap<>(docs.size() * 2);
        int leafIndex = -1;
        SortedDocValues values = null;
        int docBase = 0;
        for (int doc : docs.stream().sorted().toList()) {
            int li = ReaderUtil.subIndex(doc, leaves);
            if (li != leafIndex) {
                leafIndex = li;
                values = leaves.get(li).reader().getSortedDocValues(IndexFields.ID);
                docBase = leaves.get(li).docBase;
            }
            if (values == null || !values.advanceExact(doc - docBase)) {
                throw new IllegalStateException("document without id: " + doc);
            }
            ids.put(doc, values.lookupOrd(values.ordValue()).utf8ToString());
        }
        return ids;
    }

    /**
     * The document of entry {@code id} that carries a vector in {@code field} (among {@code filter}'s documents when
     * not null), or -1.
     */
    public static int vectorDoc(IndexSearcher searcher, String id, String field, Query filter) throws IOException {
        BooleanQuery.Builder b = new BooleanQuery.Builder()
                .add(new TermQuery(new Term(IndexFields.ID, id)), BooleanClause.Occur.FILTER)
                .add(new FieldExistsQuery(field), BooleanClause.Occur.FILTER);
        if (filter != null) {
            b.add(filter, BooleanClause.Occur.FILTER);
        }
        TopDocs top = searcher.search(b.build(), 1);
        return top.scoreDocs.length == 0 ? -1 : top.scoreDocs[0].doc;
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
