package dev.baton.knowledge;

import dev.baton.knowledge.embed.Embedders;
import dev.baton.knowledge.index.DocLanguage;
import dev.baton.knowledge.index.EntryDocuments;
import dev.baton.knowledge.index.Hubness;
import dev.baton.knowledge.ingest.KnowledgeEntry;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import org.apache.lucene.document.Document;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Turns the entries of one file into Lucene documents: every phrasing embedded by the Chinese model in batches, the
 * English ones by the English model too (when there is one), then {@link EntryDocuments} builds the documents.
 */
final class EntryEmbedder {

    private static final int EMBED_BATCH = 256;

    private final Embedders embedders;
    private final EntryDocuments documents;

    EntryEmbedder(Embedders embedders, EntryDocuments documents) {
        this.embedders = embedders;
        this.documents = documents;
    }

    /**
     * Embeds the entries' phrasings (both models where they apply) and adds their documents to {@code out} and the
     * hubness they need to {@code pending}; returns the number of texts embedded.
     */
    int toDocuments(String rel, List<KnowledgeEntry> entries, List<Document> out,
                            List<Hubness.Pending> pending) {
        List<EntryDocuments.Phrasing> all = new ArrayList<>();
        List<List<EntryDocuments.Phrasing>> perEntry = new ArrayList<>();
        for (KnowledgeEntry e : entries) {
            List<EntryDocuments.Phrasing> p = documents.phrasings(e);
            perEntry.add(p);
            all.addAll(p);
        }
        List<float[]> zh = embed(embedders.chinese(), all.stream().map(EntryDocuments.Phrasing::text).toList());
        List<float[]> en = new ArrayList<>(Collections.nCopies(all.size(), (float[]) null));
        int englishTexts = 0;
        if (embedders.english().isPresent()) {
            List<Integer> at = new ArrayList<>();
            for (int i = 0; i < all.size(); i++) {
                if (all.get(i).language() == DocLanguage.EN) {
                    at.add(i);
                }
            }
            if (!at.isEmpty()) {
                List<float[]> v = embed(embedders.english().get(), at.stream().map(i -> all.get(i).text()).toList());
                for (int j = 0; j < at.size(); j++) {
                    en.set(at.get(j), v.get(j));
                }
                englishTexts = at.size();
            }
        }
        int offset = 0;
        int ordinal = 0;
        for (int i = 0; i < entries.size(); i++) {
            int n = perEntry.get(i).size();
            EntryDocuments.Built built = documents.build(entries.get(i), rel, perEntry.get(i),
                    zh.subList(offset, offset + n), en.subList(offset, offset + n), ordinal);
            out.addAll(built.documents());
            pending.addAll(built.pending());
            offset += n;
            ordinal += built.documents().size();
        }
        return all.size() + englishTexts;
    }

    private static List<float[]> embed(EmbeddingModel model, List<String> texts) {
        List<float[]> vectors = new ArrayList<>(texts.size());
        for (int from = 0; from < texts.size(); from += EMBED_BATCH) {
            List<TextSegment> batch = texts.subList(from, Math.min(texts.size(), from + EMBED_BATCH)).stream()
                    .map(t -> TextSegment.from(t.isBlank() ? "-" : t))
                    .toList();
            for (Embedding e : model.embedAll(batch).content()) {
                vectors.add(EntryDocuments.unit(e.vector()));
            }
        }
        return vectors;
    }
}
