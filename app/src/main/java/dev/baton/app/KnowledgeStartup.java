package dev.baton.app;

import dev.langchain4j.model.embedding.EmbeddingModel;

import dev.baton.knowledge.embed.LazyEmbeddingModel;
import dev.baton.knowledge.embed.InProcessEmbeddings;
import dev.baton.config.BatonConfig;
import dev.baton.knowledge.embed.CachingEmbeddingModel;
import dev.baton.knowledge.KnowledgeBase;
import dev.baton.knowledge.SyncReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The knowledge side of start-up: load the embedding model, open the index, bring it in line with the folder and
 * watch it. None of it needs the database, channels or inbox, so it runs on a thread of its own while those start
 * ({@link #begin}), which takes the model load (about a second on two cores) off the start-up path.
 *
 * <p>A knowledge folder that does not exist is not taken for an empty one: the index keeps its entries, the folder is
 * not watched (nor created), and a warning names the folder. An existing folder without a readable document is a
 * legitimate "no knowledge", but surprising enough for a warning too.
 */
final class KnowledgeStartup {

    private static final Logger log = LoggerFactory.getLogger(KnowledgeStartup.class);

    /** What the knowledge side hands to the rest of Baton. */
    record Started(KnowledgeBase knowledge, CachingEmbeddingModel embeddings, CachingEmbeddingModel english,
                   LazyEmbeddingModel englishModel) {
    }

    private KnowledgeStartup() {
    }

    /** Starts on a new daemon thread; the future fails with the cause if the index cannot be opened. */
    static CompletableFuture<Started> begin(BatonConfig.Knowledge config) {
        CompletableFuture<Started> result = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                result.complete(run(config));
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }, "baton-start-knowledge");
        t.setDaemon(true);
        t.start();
        return result;
    }

    /** Waits for {@link #begin}'s result; its failure is rethrown as it was thrown. */
    static Started await(CompletableFuture<Started> started) throws IOException {
        try {
            return started.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    /** After a failure elsewhere: closes the knowledge base once it is open, so that its index lock is released. */
    static void discard(CompletableFuture<Started> started) {
        try {
            started.join().knowledge().close();
        } catch (RuntimeException ignored) {
            // it failed on its own: nothing to close
        }
    }

    /** The same steps on the calling thread. */
    static Started run(BatonConfig.Knowledge config) throws IOException {
        // one model, one cache: triage and the knowledge search embed the same customer text once per turn; the same
        // for the English model (loaded at its first use), which English knowledge and English sentiment share
        CachingEmbeddingModel embeddings = new CachingEmbeddingModel(KnowledgeBase.defaultEmbeddingModel(), 2048);
        LazyEmbeddingModel englishModel = InProcessEmbeddings.lazyBgeSmallEnQuantized();
        CachingEmbeddingModel english = new CachingEmbeddingModel(englishModel, 1024);
        // the knowledge's own models where knowledge.embedding configures them; triage keeps the packaged ones
        KnowledgeBase kb = BatonRuntime.openKnowledge(config, config.watch(),
                KnowledgeModels.embedders(config, embeddings, english));
        try {
            Path folder = config.folder().toAbsolutePath().normalize();
            if (!Files.isDirectory(config.folder())) {
                log.warn("knowledge: the folder {} does not exist, so the bot has no knowledge to answer from; the "
                        + "index keeps its {} entries and is not changed. Create the folder or correct "
                        + "knowledge.folder, then restart", folder, kb.size());
                return new Started(kb, embeddings, english, englishModel);
            }
            SyncReport report = kb.sync();
            if (!report.modifiedIndex() && report.failed().isEmpty()) {
                log.info("knowledge: {} entries from {} files, unchanged since the last start ({} ms)",
                        report.totalEntries(), report.unchanged(), report.duration().toMillis());
            }
            if (report.added().isEmpty() && report.changed().isEmpty() && report.unchanged() == 0
                    && report.failed().isEmpty()) {
                log.warn("knowledge: the folder {} has no document Baton can read (.md, .txt, .html, .pdf, .docx, "
                        + ".csv, .xlsx), so the bot will say it is not sure to every question; add documents there "
                        + "or correct knowledge.folder", folder);
            }
            kb.startWatching();
            return new Started(kb, embeddings, english, englishModel);
        } catch (IOException | RuntimeException e) {
            kb.close();
            throw e;
        }
    }


    /** Loads a lazy model on a daemon thread, so that the first customer who needs it does not wait for it. */
    static void warmUp(LazyEmbeddingModel model) {
        Thread t = new Thread(() -> {
            long start = System.nanoTime();
            model.get();
            log.info("English embedding model loaded in {} ms", (System.nanoTime() - start) / 1_000_000);
        }, "baton-model-warmup");
        t.setDaemon(true);
        t.start();
    }


    /** Loads the embedding model now that Baton serves, so that the first customer message does not wait for it. */
    static void loadInTheBackground(EmbeddingModel embeddings) {
        if (InProcessEmbeddings.loaded(embeddings)) {
            return;
        }
        Thread t = new Thread(() -> {
            try {
                InProcessEmbeddings.load(embeddings);
            } catch (RuntimeException e) {
                log.warn("the embedding model did not load: {}", e.toString());
            }
        }, "baton-model-load");
        t.setDaemon(true);
        t.start();
    }
}
