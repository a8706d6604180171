package dev.baton.app;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The vectors of triage's example utterances (intents in the config and the built-in ones), kept in a file between
 * starts: a start whose examples and model are unchanged then needs no embedding at all before it serves, so the
 * model (about a second of CPU to load) is loaded after start-up instead of during it.
 *
 * <p>Triage is built over this model; {@link #embedAll} answers from the file, embeds only the texts it does not
 * have and records them. {@link #seal()}, called once triage is built, writes the file (atomically, only the texts
 * of this start) and turns recording off for good: from then on every call goes straight to the model, so a
 * customer's message is never written to disk. Single {@link #embed} calls are never recorded at all. The file
 * names the model it was made with; another model, or a file that cannot be read, is ignored and replaced.
 */
final class ExampleVectors implements EmbeddingModel {

    private static final Logger log = LoggerFactory.getLogger(ExampleVectors.class);
    private static final int MAGIC = 0x42544e56; // "BTNV"
    private static final int MAX_DIMENSION = 4096;

    private final EmbeddingModel model;
    private final String modelIdentity;
    private final Path file;
    private final Map<String, float[]> known;
    private final Map<String, float[]> used = new LinkedHashMap<>();
    private boolean sealed;
    private boolean computed;

    /**
     * @param model         the model that embeds what the file does not have
     * @param modelIdentity the model's identity; a file made with another is ignored
     * @param file          where the vectors are kept (it need not exist)
     */
    ExampleVectors(EmbeddingModel model, String modelIdentity, Path file) {
        this.model = model;
        this.modelIdentity = modelIdentity;
        this.file = file;
        this.known = read(file, modelIdentity);
    }

    @Override
    public synchronized Response<List<Embedding>> embedAll(List<TextSegment> segments) {
        if (sealed) {
            return model.embedAll(segments);
        }
        List<TextSegment> missing = new ArrayList<>();
        for (TextSegment s : segments) {
            if (!known.containsKey(s.text())) {
                missing.add(s);
            }
        }
        if (!missing.isEmpty()) {
            List<Embedding> fresh = model.embedAll(missing).content();
            for (int i = 0; i < missing.size(); i++) {
                known.put(missing.get(i).text(), fresh.get(i).vector());
            }
            computed = true;
        }
        List<Embedding> out = new ArrayList<>(segments.size());
        for (TextSegment s : segments) {
            float[] v = known.get(s.text());
            used.put(s.text(), v);
            out.add(Embedding.from(v.clone()));
        }
        return Response.from(out);
    }

    @Override
    public Response<Embedding> embed(TextSegment segment) {
        return model.embed(segment);
    }

    @Override
    public Response<Embedding> embed(String text) {
        return model.embed(text);
    }

    @Override
    public int dimension() {
        return model.dimension();
    }

    /** Stops recording and writes the file when this start embedded something new or used fewer texts. */
    synchronized void seal() {
        if (sealed) {
            return;
        }
        sealed = true;
        if (computed || used.size() != known.size()) {
            write();
        }
        known.clear();
        used.clear();
    }

    private void write() {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
                out.writeInt(MAGIC);
                out.writeUTF(modelIdentity);
                out.writeInt(used.size());
                for (Map.Entry<String, float[]> e : used.entrySet()) {
                    out.writeUTF(e.getKey());
                    out.writeInt(e.getValue().length);
                    for (float f : e.getValue()) {
                        out.writeFloat(f);
                    }
                }
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            log.warn("triage: could not keep the example vectors in {} ({}); the next start embeds them again", file,
                    e.toString());
        }
    }

    private static Map<String, float[]> read(Path file, String modelIdentity) {
        Map<String, float[]> vectors = new HashMap<>();
        if (!Files.isRegularFile(file)) {
            return vectors;
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            if (in.readInt() != MAGIC || !in.readUTF().equals(modelIdentity)) {
                return vectors;
            }
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                String text = in.readUTF();
                int length = in.readInt();
                if (length < 1 || length > MAX_DIMENSION) {
                    throw new IOException("a vector of " + length + " dimensions");
                }
                float[] v = new float[length];
                for (int j = 0; j < v.length; j++) {
                    v[j] = in.readFloat();
                }
                vectors.put(text, v);
            }
            return vectors;
        } catch (IOException | RuntimeException e) {
            log.info("triage: ignoring the example vectors in {} ({}); they are embedded again", file, e.toString());
            return new HashMap<>();
        }
    }
}
