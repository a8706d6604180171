package dev.baton.knowledge.ingest;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.TreeMap;

/**
 * Lists the indexable files of a knowledge folder: supported extensions only; never hidden files or folders
 * (name starting with {@code .}), Office lock files ({@code ~$…}) or anything under a {@code _drafts} folder.
 */
public final class FolderScanner {

    /** The folder name whose content is never indexed (agent-written drafts awaiting review). */
    public static final String DRAFTS = "_drafts";

    private final DocumentParsers parsers;

    public FolderScanner(DocumentParsers parsers) {
        this.parsers = parsers;
    }

    /** Indexable files by relative {@code /}-separated path, sorted. A missing folder has no files. */
    public Map<String, Path> scan(Path folder) throws IOException {
        Map<String, Path> files = new TreeMap<>();
        if (!Files.isDirectory(folder)) {
            return files;
        }
        Files.walkFileTree(folder, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                if (!dir.equals(folder) && isExcludedName(dir.getFileName().toString())) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                String name = file.getFileName().toString();
                if (attrs.isRegularFile() && !isExcludedName(name) && parsers.forFile(name).isPresent()) {
                    files.put(relativePath(folder, file), file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) {
                return FileVisitResult.CONTINUE;
            }
        });
        return files;
    }

    /** True for hidden names, Office lock files and the drafts folder. */
    public static boolean isExcludedName(String name) {
        return name.startsWith(".") || name.startsWith("~$") || name.equals(DRAFTS);
    }

    /** True when a path inside the folder must never be indexed (any excluded path element). */
    public static boolean isExcluded(Path folder, Path path) {
        Path rel = folder.relativize(path);
        for (Path p : rel) {
            if (isExcludedName(p.toString())) {
                return true;
            }
        }
        return false;
    }

    /** The relative path with {@code /} separators. */
    public static String relativePath(Path folder, Path file) {
        return folder.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
    }
}
