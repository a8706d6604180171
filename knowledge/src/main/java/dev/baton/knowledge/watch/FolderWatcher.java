package dev.baton.knowledge.watch;

import dev.baton.knowledge.ingest.FolderScanner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Watches a folder tree (new sub-folders included) and runs an action once the file events have been quiet for
 * the debounce period, so that an editor's burst of writes or a copied folder leads to one re-sync. Events
 * under hidden or {@code _drafts} paths are ignored. One daemon thread, named {@code baton-knowledge-watcher},
 * stopped by {@link #close()}.
 */
public final class FolderWatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FolderWatcher.class);

    private final Path folder;
    private final Duration debounce;
    private final Runnable onChange;
    private final WatchService watchService;
    private final Map<WatchKey, Path> keys = new HashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    private FolderWatcher(Path folder, Duration debounce, Runnable onChange) throws IOException {
        this.folder = folder;
        this.debounce = debounce;
        this.onChange = onChange;
        this.watchService = FileSystems.getDefault().newWatchService();
        registerTree(folder);
        this.thread = new Thread(this::loop, "baton-knowledge-watcher");
        this.thread.setDaemon(true);
    }

    /** Starts watching {@code folder}; {@code onChange} runs on the watcher thread. */
    public static FolderWatcher start(Path folder, Duration debounce, Runnable onChange) throws IOException {
        Files.createDirectories(folder);
        FolderWatcher w = new FolderWatcher(folder, debounce, onChange);
        w.thread.start();
        return w;
    }

    private void registerTree(Path root) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!dir.equals(folder) && FolderScanner.isExcluded(folder, dir)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                WatchKey key = dir.register(watchService, StandardWatchEventKinds.ENTRY_CREATE,
                        StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE);
                keys.put(key, dir);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) {
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private void loop() {
        try {
            while (running) {
                WatchKey key = watchService.take();
                boolean relevant = handle(key);
                // Debounce: keep draining until the folder has been quiet for the whole period.
                WatchKey next;
                while ((next = watchService.poll(debounce.toMillis(), TimeUnit.MILLISECONDS)) != null) {
                    relevant |= handle(next);
                }
                if (relevant && running) {
                    try {
                        onChange.run();
                    } catch (RuntimeException e) {
                        log.warn("knowledge re-sync after a file change failed: {}", e.toString());
                    }
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closing
        }
    }

    private boolean handle(WatchKey key) {
        Path dir = keys.get(key);
        boolean relevant = false;
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                relevant = true;
                continue;
            }
            if (dir == null) {
                continue;
            }
            Path child = dir.resolve((Path) event.context());
            if (FolderScanner.isExcluded(folder, child)) {
                continue;
            }
            relevant = true;
            if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE && Files.isDirectory(child)) {
                try {
                    registerTree(child);
                } catch (IOException e) {
                    log.warn("cannot watch new folder {}: {}", folder.relativize(child), e.toString());
                }
            }
        }
        if (!key.reset()) {
            keys.remove(key);
        }
        return relevant;
    }

    @Override
    public void close() {
        running = false;
        try {
            watchService.close();
        } catch (IOException e) {
            log.debug("closing watch service: {}", e.toString());
        }
        thread.interrupt();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
