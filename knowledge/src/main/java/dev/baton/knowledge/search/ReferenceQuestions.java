package dev.baton.knowledge.search;

import dev.baton.text.Texts;

import dev.baton.knowledge.embed.InProcessEmbeddings;
import dev.baton.knowledge.index.DocLanguage;
import dev.baton.knowledge.index.EntryDocuments;
import dev.baton.knowledge.index.TextNormalizer;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Questions no business's knowledge should answer (general knowledge, opinions, trivia), one list per language, in
 * {@code baton/knowledge/reference-zh.txt} and {@code reference-en.txt}. They were written for Baton, about topics far
 * from customer service, and none is taken from an evaluation set. {@link Abstention} measures how close they come to
 * a knowledge base's entries. Their vectors are computed once per model and kept.
 */
public final class ReferenceQuestions {

    private static final String RESOURCE = "baton/knowledge/reference-%s.txt";

    private final TextNormalizer normalizer = new TextNormalizer();
    private final Map<String, List<float[]>> vectors = new ConcurrentHashMap<>();

    /** The questions of {@code language}, as written (comments and blank lines dropped). */
    public static List<String> questions(DocLanguage language) {
        String name = String.format(RESOURCE, language.code());
        InputStream in = ReferenceQuestions.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException(name + " is missing from the class path");
        }
        List<String> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                String s = line.strip();
                if (!s.isEmpty() && !s.startsWith("#")) {
                    out.add(s);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Unit vectors of the questions of {@code language} by {@code model}, in their dense form as a query would be. */
    public List<float[]> vectors(DocLanguage language, EmbeddingModel model) {
        String key = language.code() + "|" + InProcessEmbeddings.identity(model);
        return vectors.computeIfAbsent(key, k -> {
            List<TextSegment> segments = questions(language).stream()
                    .map(q -> TextSegment.from(Texts.dense(q)))
                    .toList();
            List<float[]> out = new ArrayList<>(segments.size());
            for (Embedding e : model.embedAll(segments).content()) {
                out.add(EntryDocuments.unit(e.vector()));
            }
            return List.copyOf(out);
        });
    }
}
