package dev.baton.knowledge.embed;

import dev.baton.knowledge.index.DocLanguage;
import dev.baton.text.Texts;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Customer questions as unit-length sentence vectors, by the knowledge's own language rule: English text with the
 * English model when there is one (space {@code en}), everything else with the Chinese model (space {@code zh}); the
 * text in the dense form the search embeds ({@link Texts#dense}), so a question the search already read this turn
 * costs nothing more with a caching model. Vectors of the two spaces are not comparable: callers compare only within
 * one. For the desk's "similar question" look-ups and gap clusters.
 */
public final class QuestionEmbedder {

    /** Longer texts are cut: a customer question is short, and the cut bounds the model's cost. */
    public static final int MAX_CHARS = 256;

    /**
     * One question's vector.
     *
     * @param space  {@code zh} or {@code en}: the model that made it
     * @param vector unit length
     */
    public record Embedded(String space, float[] vector) {
    }

    private final Embedders embedders;

    public QuestionEmbedder(Embedders embedders) {
        this.embedders = embedders;
    }

    /** {@code text}'s vector, or empty when it is blank. */
    public Optional<Embedded> embed(String text) {
        return embedAll(List.of(text == null ? "" : text)).get(0);
    }

    /** Each text's vector, in order (batched per model); blank texts give empty. */
    public List<Optional<Embedded>> embedAll(List<String> texts) {
        List<Optional<Embedded>> out = new ArrayList<>(java.util.Collections.nCopies(texts.size(), Optional.empty()));
        for (DocLanguage lang : DocLanguage.values()) {
            List<Integer> at = new ArrayList<>();
            List<TextSegment> batch = new ArrayList<>();
            for (int i = 0; i < texts.size(); i++) {
                String t = form(texts.get(i));
                if (!t.isEmpty() && space(t) == lang) {
                    at.add(i);
                    batch.add(TextSegment.from(t));
                }
            }
            if (batch.isEmpty()) {
                continue;
            }
            EmbeddingModel model = embedders.forLanguage(lang);
            String space = model == embedders.chinese() ? DocLanguage.ZH.code() : DocLanguage.EN.code();
            List<Embedding> vectors = batch.size() == 1 ? List.of(model.embed(batch.get(0)).content())
                    : model.embedAll(batch).content();
            for (int j = 0; j < at.size(); j++) {
                out.set(at.get(j), Optional.of(new Embedded(space, unit(vectors.get(j).vector()))));
            }
        }
        return out;
    }

    private static String form(String text) {
        String t = text == null ? "" : Texts.dense(text).strip();
        return t.length() > MAX_CHARS ? t.substring(0, MAX_CHARS) : t;
    }

    private static DocLanguage space(String text) {
        return DocLanguage.of(text);
    }

    private static float[] unit(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        if (norm == 0) {
            return v;
        }
        float[] out = Arrays.copyOf(v, v.length);
        float n = (float) Math.sqrt(norm);
        for (int i = 0; i < out.length; i++) {
            out[i] /= n;
        }
        return out;
    }
}
