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
import org.apache.lucene.store.LockObtainFailedException;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * The Lucene index on disk: one {@link IndexWriter}, and a {@link SearcherManager} over it for readers; or, opened
 * {@linkplain #openReadOnly read-only} while another process holds the writer, readers of its last commit only.
 *
 * <p>Updates replace all documents of a file in one atomic {@link IndexWriter#updateDocuments} call, and readers
 * only move forward on {@link #publish()} (commit, then refresh), so a query sees either the old or the new
 * version of a file, never half of it.
 */
public final class KnowledgeIndex implements Closeable {

    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;

    private KnowledgeIndex(Directory directory, IndexWriter writer, SearcherManager searchers) {
        this.directory = directory;
        this.writer = writer;
        this.searchers = searchers;
    }

    /**
     * Opens the index in {@code dir} for writing, creating it if needed.
     *
     * @throws IndexInUseException when another process (a running Baton) holds the index's write lock
     */
    public static KnowledgeIndex open(Path dir) throws IOException {
        Files.createDirectories(dir);
        Directory directory = FSDirectory.open(dir);
        IndexWriterConfig config = new IndexWriterConfig(KnowledgeAnalyzers.perField())
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                .setRAMBufferSizeMB(64);
        IndexWriter writer;
        try {
            writer = new IndexWriter(directory, config);
        } catch (LockObtainFailedException e) {
            directory.close();
            throw new IndexInUseException(dir, e);
        }
        try {
            if (!org.apache.lucene.index.DirectoryReader.indexExists(directory)) {
                writer.commit();
            }
            return new KnowledgeIndex(directory, writer, new SearcherManager(writer, null));
        } catch (IOException | RuntimeException e) {
            writer.close();
            directory.close();
            throw e;
        }
    }

    /**
     * Opens the last commit of the index in {@code dir} for searching only, without its write lock: what
     * {@code baton ask} does while a server keeps the index. Writing methods throw {@link IllegalStateException}.
     *
     * @throws NoSuchFileException when there is no index in {@code dir} yet
     */
    public static KnowledgeIndex openReadOnly(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "no knowledge index here yet");
        }
        Directory directory = FSDirectory.open(dir);
        try {
            if (!org.apache.lucene.index.DirectoryReader.indexExists(directory)) {
                throw new NoSuchFileException(dir.toString(), null, "no knowledge index here yet");
            }
            return new KnowledgeIndex(directory, null, new SearcherManager(directory, null));
        } catch (IOException | RuntimeException e) {
            directory.close();
            throw e;
        }
    }

    /** False when opened with {@link #openReadOnly}. */
    public boolean writable() {
        return writer != null;
    }

    private IndexWriter writer() {
        if (writer == null) {
            throw new IllegalStateException("the knowledge index is open read-only");
        }
        return writer;
    }

    /** Replaces every document of {@code file} with {@code docs} (empty: removes the file). Not visible until {@link #publish()}. */
    public void replaceFile(String file, List<Document> docs) throws IOException {
        if (docs.isEmpty()) {
            writer().deleteDocuments(new Term(IndexFields.FILE, file));
        } else {
            writer().updateDocuments(new Term(IndexFields.FILE, file), docs);
        }
    }

    /** Computes the hubness of documents written since the last publish (see {@link Hubness}). */
    public void updateHubness(List<Hubness.Pending> pending) throws IOException {
        Hubness.update(writer(), pending);
    }

    /** Removes everything (model or format change). */
    public void clear() throws IOException {
        writer().deleteAll();
    }

    /** Commits and makes the changes visible to new searches. */
    public void publish() throws IOException {
        writer().commit();
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
                if (writer != null) {
                    writer.close();
                }
            } finally {
                directory.close();
            }
        }
    }
}
