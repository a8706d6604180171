package dev.baton.knowledge;

import dev.baton.knowledge.embed.InProcessEmbeddings;
import dev.baton.knowledge.embed.Embedders;
import dev.baton.knowledge.result.RetrievalMode;
import dev.baton.knowledge.result.SearchResult;
import dev.baton.knowledge.index.EntryDocuments;
import dev.baton.knowledge.index.Hubness;
import dev.baton.knowledge.index.IndexContent;
import dev.baton.knowledge.index.KnowledgeIndex;
import dev.baton.knowledge.index.Manifest;
import dev.baton.knowledge.index.TextNormalizer;
import dev.baton.knowledge.index.Threshold;
import dev.baton.knowledge.ingest.DocumentParser;
import dev.baton.knowledge.ingest.DocumentParsers;
import dev.baton.knowledge.ingest.FolderScanner;
import dev.baton.knowledge.ingest.KnowledgeEntry;
import dev.baton.knowledge.search.Abstention;
import dev.baton.knowledge.search.Calibration;
import dev.baton.knowledge.search.FusionWeights;
import dev.baton.knowledge.search.HybridSearcher;
import dev.baton.knowledge.search.ReferenceQuestions;
import dev.baton.knowledge.watch.FolderWatcher;
import dev.langchain4j.model.embedding.EmbeddingModel;
import org.apache.lucene.document.Document;
import org.apache.lucene.search.IndexSearcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A knowledge folder as a searchable hybrid (BM25 + dense) Lucene index.
 *
 * <p>Life cycle: {@link #open} opens or creates the index (it does not read the folder); {@link #sync()} brings
 * the index in line with the folder, re-embedding only files whose content hash changed; {@link #startWatching()}
 * re-syncs on file changes; {@link #search} is thread-safe and can run during a sync (it sees each file either
 * before or after its update). Entry ids are stable: {@code relative/path.md#slug} or the FAQ table's {@code id}.
 *
 * <p>One process writes an index at a time: while a running Baton holds it, {@link #open} throws
 * {@link IndexInUseException}, and {@link #openReadOnly} searches its last commit and tells what a sync would change
 * ({@link #pending()}). A missing folder is never taken for an empty one: {@link #sync()} then changes nothing.
 *
 * <p>Languages: every phrasing is embedded by the Chinese model and, when it is English and there is an English
 * model, by the English one too; a question is searched on its language's {@code search.Route}. Whether a hit is
 * confident is decided against thresholds calibrated on this index at the end of each sync that changes it
 * ({@link Abstention}), unless the configuration sets a fixed score floor.
 */
public final class KnowledgeBase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KnowledgeBase.class);

    private final KnowledgeConfig config;
    private final Embedders embedders;
    private final String modelId;
    private final Abstention abstention;
    private final ReferenceQuestions references = new ReferenceQuestions();
    private final KnowledgeIndex index;
    private final DocumentParsers parsers = DocumentParsers.standard();
    private final FolderScanner scanner = new FolderScanner(parsers);
    private final TextNormalizer normalizer = new TextNormalizer();
    private final EntryEmbedder entryEmbedder;
    private final HybridSearcher searcher;
    private final ReentrantLock syncLock = new ReentrantLock();
    private Manifest manifest;
    private volatile Calibration calibration = Calibration.EMPTY;
    private FolderWatcher watcher;

    private KnowledgeBase(KnowledgeConfig config, Embedders embedders, FusionWeights weights, Abstention abstention,
                          boolean readOnly) throws IOException {
        this.config = config;
        this.embedders = embedders;
        this.modelId = embedders.identity();
        this.abstention = abstention;
        this.entryEmbedder = new EntryEmbedder(embedders, new EntryDocuments(normalizer));
        this.index = readOnly ? KnowledgeIndex.openReadOnly(config.indexDir()) : KnowledgeIndex.open(config.indexDir());
        this.searcher = new HybridSearcher(index, embedders, normalizer, weights);
        Manifest loaded = Manifest.load(config.indexDir(), modelId);
        if (readOnly && !loaded.compatibleWith(modelId)) {
            index.close();
            throw new IOException("the knowledge index " + config.indexDir() + " was built with another model or "
                    + "format; the Baton that holds it rebuilds it at its next sync");
        }
        if (!loaded.compatibleWith(modelId)) {
            log.info("knowledge index was built with another model or format; it will be rebuilt on the next sync");
            index.clear();
            index.publish();
            loaded = Manifest.empty(modelId);
        }
        this.manifest = loaded;
        this.calibration = new Calibration(content(), loaded.thresholds());
    }

    /**
     * Opens or creates the index with one model for every language and the defaults. Does not sync.
     *
     * @throws IndexInUseException when another process (a running Baton) holds the index
     */
    public static KnowledgeBase open(KnowledgeConfig cfg, EmbeddingModel model) throws IOException {
        return open(cfg, Embedders.of(model));
    }

    /** As {@link #open(KnowledgeConfig, EmbeddingModel)} with explicit fusion weights (evaluation and tuning). */
    public static KnowledgeBase open(KnowledgeConfig cfg, EmbeddingModel model, FusionWeights weights) throws IOException {
        return open(cfg, Embedders.of(model), weights, Abstention.fromSystemProperties());
    }

    /**
     * Opens or creates the index in {@code cfg.indexDir()} with these models, the default fusion weights and the
     * default abstention ({@code -Dbaton.abstain.sds} overrides it for tuning runs). Does not sync.
     *
     * @throws IndexInUseException when another process (a running Baton) holds the index
     */
    public static KnowledgeBase open(KnowledgeConfig cfg, Embedders embedders) throws IOException {
        return open(cfg, embedders, FusionWeights.defaults(), Abstention.fromSystemProperties());
    }

    /** Everything explicit (evaluation and tuning). */
    public static KnowledgeBase open(KnowledgeConfig cfg, Embedders embedders, FusionWeights weights,
                                     Abstention abstention) throws IOException {
        return new KnowledgeBase(cfg, embedders, weights, abstention, false);
    }

    /**
     * Opens the existing index in {@code cfg.indexDir()} to search it as last committed, without taking its write
     * lock, so it works while a running Baton holds the index. {@link #sync()} is refused; {@link #pending()} says
     * what it would change.
     *
     * @throws java.nio.file.NoSuchFileException when there is no index yet
     */
    public static KnowledgeBase openReadOnly(KnowledgeConfig cfg, EmbeddingModel model) throws IOException {
        return openReadOnly(cfg, Embedders.of(model));
    }

    /** As {@link #openReadOnly(KnowledgeConfig, EmbeddingModel)} with a model per language. */
    public static KnowledgeBase openReadOnly(KnowledgeConfig cfg, Embedders embedders) throws IOException {
        return new KnowledgeBase(cfg, embedders, FusionWeights.defaults(), Abstention.fromSystemProperties(), true);
    }

    /**
     * The in-process bge-small-zh-v1.5 (quantized) model: 512 dimensions, Chinese and English, no network; one
     * instance per process, each call on the calling thread ({@link InProcessEmbeddings}).
     */
    public static EmbeddingModel defaultEmbeddingModel() {
        return InProcessEmbeddings.bgeSmallZhQuantized();
    }

    /** {@link #defaultEmbeddingModel()} and bge-small-en-v1.5-q for English, loaded at its first use. */
    public static Embedders defaultEmbedders() {
        return Embedders.defaults();
    }

    /** The configuration this knowledge base was opened with. */
    public KnowledgeConfig config() {
        return config;
    }

    /**
     * Brings the index in line with the folder: new and changed files (by SHA-256) are parsed, embedded and
     * replace their previous entries; deleted files leave the index; a file that fails to parse is reported and
     * skipped. All changes become visible to searches at once, after the commit.
     */
    public SyncReport sync() throws IOException {
        if (!index.writable()) {
            throw new IllegalStateException("the knowledge index is open read-only: the process that holds it syncs it");
        }
        requireFolder();
        syncLock.lock();
        try {
            return doSync();
        } finally {
            syncLock.unlock();
        }
    }

    /**
     * A folder that is not there (a wrong path, an unmounted disk, a folder being replaced) is not "no knowledge":
     * syncing it would drop every entry of the index. An existing empty folder does mean no knowledge.
     */
    private void requireFolder() throws NoSuchFileException {
        if (!Files.isDirectory(config.folder())) {
            throw new NoSuchFileException(config.folder().toAbsolutePath().normalize().toString(), null,
                    "the knowledge folder does not exist; the index keeps its " + size() + " entries");
        }
    }

    /**
     * What {@link #sync()} would change, by content hash, without parsing, embedding or writing anything; for a
     * read-only view while another process keeps the index.
     *
     * @throws NoSuchFileException when the folder does not exist
     */
    public PendingChanges pending() throws IOException {
        requireFolder();
        return PendingChanges.between(scanner.scan(config.folder()), manifest, size());
    }

    private SyncReport doSync() throws IOException {
        long start = System.nanoTime();
        Map<String, Path> files = scanner.scan(config.folder());
        Map<String, Manifest.FileState> next = new HashMap<>(manifest.files());
        List<String> added = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        List<SyncReport.FailedFile> failed = new ArrayList<>();
        int unchanged = 0;
        int entriesIndexed = 0;
        int embedded = 0;
        List<Hubness.Pending> pendingHubness = new ArrayList<>();
        for (Map.Entry<String, Path> f : files.entrySet()) {
            String rel = f.getKey();
            String hash;
            try {
                hash = ContentHash.sha256(f.getValue());
            } catch (IOException e) {
                failed.add(new SyncReport.FailedFile(rel, "unreadable: " + e.getMessage()));
                continue;
            }
            Manifest.FileState previous = manifest.files().get(rel);
            if (previous != null && previous.sha256().equals(hash)) {
                unchanged++;
                continue;
            }
            List<KnowledgeEntry> entries;
            try {
                DocumentParser parser = parsers.forFile(rel).orElseThrow();
                entries = parser.parse(f.getValue(), rel);
            } catch (Exception | LinkageError e) {
                String reason = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
                log.warn("knowledge file {} skipped: {}", rel, reason);
                failed.add(new SyncReport.FailedFile(rel, reason));
                continue;
            }
            warnDuplicateIds(rel, entries);
            List<Document> docs = new ArrayList<>();
            embedded += entryEmbedder.toDocuments(rel, entries, docs, pendingHubness);
            index.replaceFile(rel, docs);
            entriesIndexed += entries.size();
            next.put(rel, new Manifest.FileState(hash, entries.size()));
            (previous == null ? added : changed).add(rel);
        }
        for (String rel : manifest.files().keySet()) {
            if (!files.containsKey(rel)) {
                index.replaceFile(rel, List.of());
                next.remove(rel);
                removed.add(rel);
            }
        }
        boolean modified = !added.isEmpty() || !changed.isEmpty() || !removed.isEmpty();
        if (modified) {
            index.updateHubness(pendingHubness);
            index.publish();
        }
        if (modified || !calibration.complete()) {
            Calibration next2 = calibrate();
            Manifest updated = new Manifest(Manifest.FORMAT, modelId, modified ? next : manifest.files(),
                    next2.thresholds());
            updated.save(config.indexDir());
            manifest = updated;
            calibration = next2;
            log.info("knowledge thresholds: {}", describe(next2));
        }
        SyncReport report = new SyncReport(added, changed, removed, unchanged, failed, entriesIndexed, embedded,
                index.entryCount(), Duration.ofNanos(System.nanoTime() - start));
        if (report.modifiedIndex() || !failed.isEmpty()) {
            log.info("knowledge sync: {}", report.summary());
        }
        return report;
    }

    private Calibration calibrate() throws IOException {
        IndexSearcher s = index.acquire();
        try {
            IndexContent content = IndexContent.of(s);
            Map<String, Threshold> thresholds = abstention.calibrate(s, content, embedders, references);
            return new Calibration(content, thresholds);
        } finally {
            index.release(s);
        }
    }

    private IndexContent content() throws IOException {
        IndexSearcher s = index.acquire();
        try {
            return IndexContent.of(s);
        } finally {
            index.release(s);
        }
    }

    private static String describe(Calibration c) {
        StringBuilder sb = new StringBuilder();
        for (Threshold t : c.thresholds().values()) {
            sb.append(sb.isEmpty() ? "" : "; ").append(String.format(Locale.ROOT,
                    "%s cosine %.3f (reference mean %.3f, sd %.3f, n %d)", t.route(), t.cosine(), t.mean(), t.sd(),
                    t.references()));
        }
        return sb.isEmpty() ? "none (empty index)" : sb.toString();
    }

    private static void warnDuplicateIds(String rel, List<KnowledgeEntry> entries) {
        Set<String> seen = new HashSet<>();
        for (KnowledgeEntry e : entries) {
            if (!seen.add(e.id())) {
                log.warn("knowledge file {} has the id {} more than once; search returns it as one entry", rel, e.id());
            }
        }
    }

    /**
     * Watches the folder (recursively) and re-syncs after the debounce period; a no-op when
     * {@code config.watch()} is false or the watcher already runs.
     */
    public synchronized void startWatching() {
        if (!config.watch() || watcher != null || !index.writable()) {
            return;
        }
        try {
            watcher = FolderWatcher.start(config.folder(), config.debounce(), () -> {
                try {
                    sync();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot watch " + config.folder(), e);
        }
    }

    /** The best {@code k} entries by hybrid ranking. "Nothing relevant" is a result with {@code confident() == false}. */
    public SearchResult search(String query, int k) {
        return search(query, k, RetrievalMode.HYBRID);
    }

    /** The best {@code k} entries by the given retrieval mode (BM25 and DENSE exist for evaluation). */
    public SearchResult search(String query, int k, RetrievalMode mode) {
        return searcher.search(query, k, mode, calibration, config.scoreFloor());
    }

    /** The calibrated thresholds, per route key ({@code docs/knowledge.md}, "Abstention"); empty before the first sync. */
    public Map<String, Threshold> thresholds() {
        return calibration.thresholds();
    }

    /** Whether the index holds English documents with English-model vectors (English questions need that model). */
    public boolean hasEnglishVectors() {
        return calibration.content().englishVectors() > 0;
    }

    /** Number of entries in the index (an FAQ entry with similar questions counts once). */
    public int size() {
        try {
            return index.entryCount();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the watcher and closes the index. */
    @Override
    public synchronized void close() {
        if (watcher != null) {
            watcher.close();
            watcher = null;
        }
        syncLock.lock();
        try {
            index.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            syncLock.unlock();
        }
    }
}
