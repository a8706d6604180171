package dev.baton.knowledge.index;

import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The Lucene index on disk: one {@link IndexWriter}, and a {@link SearcherManager} over it for readers.
 *
 * <p>Updates replace all documents of a file in one atomic {@link IndexWriter#updateDocuments} call, and readers
 * only move forward on {@link #publish()} (commit, then refresh), so a query sees either the old or the new
 * version of a file, never half of it.
 */
public final class KnowledgeIndex implements Closeable {

    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;

    private KnowledgeIndex(Directory directory, IndexWriter writer) throws IOException {
        this.directory = directory;
        this.writer = writer;
        this.searchers = new SearcherManager(writer, null);
    }

    /** Opens the index in {@code dir}, creating it if needed. */
    public static KnowledgeIndex open(Path dir) throws IOException {
        Files.createDirectories(dir);
        Directory directory = FSDirectory.open(dir);
        IndexWriterConfig config = new IndexWriterConfig(KnowledgeAnalyzers.perField())
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                .setRAMBufferSizeMB(64);
        IndexWriter writer = new IndexWriter(directory, config);
        if (!org.apache.lucene.index.DirectoryReader.indexExists(directory)) {
            writer.commit();
        }
        return new KnowledgeIndex(directory, writer);
    }

    /** Replaces every document of {@code file} with {@code docs} (empty: removes the file). Not visible until {@link #publish()}. */
    public void replaceFile(String file, List<Document> docs) throws IOException {
        if (docs.isEmpty()) {
            writer.deleteDocuments(new Term(IndexFields.FILE, file));
        } else {
            writer.updateDocuments(new Term(IndexFields.FILE, file), docs);
        }
    }

    /** Computes the hubness of documents written since the last publish (see {@link Hubness}). */
    public void updateHubness(List<Hubness.Pending> pending) throws IOException {
        Hubness.update(writer, pending);
    }

    /** Removes everything (model or format change). */
    public void clear() throws IOException {
        writer.deleteAll();
    }

    /** Commits and makes the changes visible to new searches. */
    public void publish() throws IOException {
        writer.commit();
        searchers.maybeRefreshBlocking();
    }

    /** A searcher to {@link #release} in a {@code finally} block. */
    public IndexSearcher acquire() throws IOException {
        return searchers.acquire();
    }

    public void release(IndexSearcher searcher) throws IOException {
        searchers.release(searcher);
    }

    /** Number of entries (primary documents) visible to searches. */
    public int entryCount() throws IOException {
        IndexSearcher s = acquire();
        try {
            return s.count(new TermQuery(new Term(IndexFields.PRIMARY, "1")));
        } finally {
            release(s);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            searchers.close();
        } finally {
            try {
                writer.close();
            } finally {
                directory.close();
            }
        }
    }
}
