package dev.baton.knowledge.index;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the index holds, per source file: the SHA-256 of the content that was indexed and its entry count, plus
 * the embedding model and index format it was built with (a different model or format forces a rebuild). It is
 * written ({@code manifest.json}, atomically) only after the Lucene commit, so a crash in between re-indexes those
 * files on the next sync, which is harmless because per-file updates replace.
 *
 * @param format     index format version
 * @param model      embedding models' identity ({@code class:dimension}, {@code +} the English model's)
 * @param files      per relative path
 * @param thresholds the abstention thresholds calibrated on the index as it is, per search route key
 */
public record Manifest(int format, String model, Map<String, FileState> files, Map<String, Threshold> thresholds) {

    /**
     * Bump when fields, analysis, normalisation or parsing change. 3: Markdown HTML comments are no longer indexed
     * (an index built before would keep serving them until each file changes). 4: per-phrasing language, English
     * vectors by the English model, one vector per entry and language (the mean of its phrasings), calibrated
     * abstention thresholds. (The answer's evidence, when on, is recorded in the model identity, {@code +answers}.)
     */
    public static final int FORMAT = 4;
    /** File name inside the index directory. */
    public static final String FILE_NAME = "manifest.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public Manifest {
        files = new TreeMap<>(files);
        thresholds = thresholds == null ? Map.of() : new TreeMap<>(thresholds);
    }

    /** A copy with other thresholds. */
    public Manifest withThresholds(Map<String, Threshold> next) {
        return new Manifest(format, model, files, next);
    }

    /** The state of one indexed file. */
    public record FileState(String sha256, int entries) {
    }

    /** An empty manifest for the given model. */
    public static Manifest empty(String model) {
        return new Manifest(FORMAT, model, Map.of(), Map.of());
    }

    /** Reads the manifest, or an empty one when absent or unreadable (which forces a full re-index). */
    public static Manifest load(Path indexDir, String model) {
        Path file = indexDir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return empty(model);
        }
        try {
            return JSON.readValue(file.toFile(), Manifest.class);
        } catch (IOException e) {
            return empty(model);
        }
    }

    /** True when this manifest was written for the same format and model. */
    public boolean compatibleWith(String otherModel) {
        return format == FORMAT && model != null && model.equals(otherModel);
    }

    /** Writes to a temporary file, then moves it into place atomically. */
    public void save(Path indexDir) throws IOException {
        Path tmp = indexDir.resolve(FILE_NAME + ".tmp");
        JSON.writeValue(tmp.toFile(), this);
        Files.move(tmp, indexDir.resolve(FILE_NAME), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
