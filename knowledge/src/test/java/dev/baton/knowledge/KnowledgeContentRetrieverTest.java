package dev.baton.knowledge;

import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.ContentMetadata;
import dev.langchain4j.rag.query.Query;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class KnowledgeContentRetrieverTest {

    @TempDir
    Path tmp;

    @Test
    void should_return_confident_hits_with_id_and_citation_metadata_when_retrieving() throws Exception {
        Path folder = Fixtures.copy("shop", tmp.resolve("knowledge"));
        try (KnowledgeBase kb = KnowledgeBase.open(KnowledgeConfig.defaults(folder, tmp.resolve("index")).withWatch(false),
                Fixtures.model())) {
            kb.sync();
            var retriever = new KnowledgeContentRetriever(kb, 2);

            List<Content> contents = retriever.retrieve(Query.from("退款几天能到账"));
            List<Content> unrelated = retriever.retrieve(Query.from("今天北京天气怎么样"));

            assertThat(contents).isNotEmpty().hasSizeLessThanOrEqualTo(2);
            Content first = contents.get(0);
            assertThat(first.textSegment().text()).startsWith("退款多久到账？\n").contains("原路退回");
            assertThat(first.textSegment().metadata().getString("id")).isEqualTo("faq/after-sales-faq.md#退款多久到账");
            assertThat(first.textSegment().metadata().getString("citation")).isEqualTo("faq/after-sales-faq.md › 退款多久到账？");
            assertThat(first.metadata()).containsKey(ContentMetadata.SCORE);
            assertThat(unrelated).isEmpty();
        }
    }
}
