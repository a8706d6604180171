package dev.baton.app;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Triage's example vectors kept between starts, so that an unchanged start needs no embedding model. */
class ExampleVectorsTest {

    @TempDir
    Path dir;

    /** A deterministic model that records every text it is asked to embed. */
    static final class CountingModel implements EmbeddingModel {
        final List<String> asked = new ArrayList<>();

        @Override
        public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
            List<Embedding> out = new ArrayList<>();
            for (TextSegment s : segments) {
                asked.add(s.text());
                out.add(Embedding.from(new float[] {s.text().length(), s.text().hashCode() % 7, 1}));
            }
            return Response.from(out);
        }
    }

    private static List<TextSegment> segments(String... texts) {
        return java.util.Arrays.stream(texts).map(TextSegment::from).toList();
    }

    @Test
    void should_answer_a_second_start_from_the_file_without_the_model() {
        Path file = dir.resolve("triage-examples.vectors");
        CountingModel first = new CountingModel();
        ExampleVectors a = new ExampleVectors(first, "m:3", file);
        List<Embedding> computed = a.embedAll(segments("我要退货", "转人工", "refund please")).content();
        a.seal();
        assertThat(first.asked).containsExactly("我要退货", "转人工", "refund please");

        CountingModel second = new CountingModel();
        ExampleVectors b = new ExampleVectors(second, "m:3", file);
        List<Embedding> kept = b.embedAll(segments("转人工", "我要退货", "refund please")).content();
        b.seal();

        assertThat(second.asked).as("no model call").isEmpty();
        assertThat(kept.get(0).vector()).containsExactly(computed.get(1).vector());
        assertThat(kept.get(1).vector()).containsExactly(computed.get(0).vector());
    }

    @Test
    void should_embed_only_new_examples_and_forget_removed_ones() throws Exception {
        Path file = dir.resolve("triage-examples.vectors");
        ExampleVectors a = new ExampleVectors(new CountingModel(), "m:3", file);
        a.embedAll(segments("旧的例句", "转人工"));
        a.seal();

        CountingModel model = new CountingModel();
        ExampleVectors b = new ExampleVectors(model, "m:3", file);
        b.embedAll(segments("转人工", "新的例句"));
        b.seal();

        assertThat(model.asked).containsExactly("新的例句");
        String stored = Files.readString(file, StandardCharsets.ISO_8859_1);
        assertThat(stored).doesNotContain(new String("旧的例句".getBytes(StandardCharsets.UTF_8),
                StandardCharsets.ISO_8859_1));
    }

    @Test
    void should_embed_again_for_another_model_or_an_unreadable_file() throws Exception {
        Path file = dir.resolve("triage-examples.vectors");
        ExampleVectors a = new ExampleVectors(new CountingModel(), "m:3", file);
        a.embedAll(segments("转人工"));
        a.seal();

        CountingModel other = new CountingModel();
        new ExampleVectors(other, "other:3", file).embedAll(segments("转人工"));
        assertThat(other.asked).containsExactly("转人工");

        Files.write(file, new byte[] {0x42, 0x54, 0x4e, 0x56, 0, 3, 'm', ':', '3', 0x7f, 0, 0, 0});
        CountingModel afterDamage = new CountingModel();
        new ExampleVectors(afterDamage, "m:3", file).embedAll(segments("转人工"));
        assertThat(afterDamage.asked).containsExactly("转人工");
    }

    @Test
    void should_never_write_what_is_embedded_after_triage_is_built() throws Exception {
        Path file = dir.resolve("triage-examples.vectors");
        CountingModel model = new CountingModel();
        ExampleVectors vectors = new ExampleVectors(model, "m:3", file);
        vectors.embedAll(segments("转人工"));
        vectors.seal();
        byte[] afterSeal = Files.readAllBytes(file);

        vectors.embedAll(segments("my card number is 4111 1111 1111 1111"));
        vectors.embed("我的手机号是 13800000000");

        assertThat(model.asked).contains("my card number is 4111 1111 1111 1111", "我的手机号是 13800000000");
        assertThat(Files.readAllBytes(file)).isEqualTo(afterSeal);
    }
}
