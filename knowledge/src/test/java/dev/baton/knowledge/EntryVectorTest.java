package dev.baton.knowledge;

import dev.baton.knowledge.result.SearchResult;
import dev.baton.knowledge.result.KnowledgeHit;
import dev.baton.knowledge.search.Abstention;
import dev.baton.knowledge.search.FusionWeights;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** An entry is one vector per language (the mean of its phrasings); the other phrasings are found by BM25 only. */
class EntryVectorTest {

    @TempDir
    Path tmp;

    @Test
    void should_score_entries_found_by_bm25_on_a_phrasing_without_a_vector_by_the_entrys_vector() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("kb"));
        Files.writeString(folder.resolve("faq.csv"), """
                id,question,answer,similar
                return,How do I return an item?,Open My orders and choose Return.,send back the thingamajig|I want a refund for my order
                colours,Which colours does the thingamajig come in?,Red and blue.,
                refund-status,When will I get my refund?,Refunds arrive within 5 days.,
                return-label,How do I print a return label?,Open the return and choose Print label.,
                exchange,Can I exchange an item for another size?,Yes: choose Exchange instead of Return.,
                damaged,My item arrived damaged,Send us a photo and we refund you.,
                """);
        FusionWeights oneNeighbour = new FusionWeights(50, 1, 0.5, 0.005, 20, 0.3, 0.2); // kNN finds one document
        KnowledgeConfig cfg = KnowledgeConfig.defaults(folder, tmp.resolve("index")).withWatch(false);
        try (KnowledgeBase kb = KnowledgeBase.open(cfg, Fixtures.embedders(), oneNeighbour, Abstention.defaults())) {
            kb.sync();

            // kNN takes the 3 nearest entry vectors (refunds and returns); BM25 finds "send back the thingamajig" (a
            // phrasing without a vector) and the colours entry, whose vectors are read afterwards
            SearchResult one = kb.search("send back the thingamajig for a refund", 1);
            SearchResult all = kb.search("send back the thingamajig for a refund", 6);

            assertThat(one.best().orElseThrow().id()).isEqualTo("return");
            assertThat(all.hits()).extracting(KnowledgeHit::id).contains("return", "colours");
            assertThat(all.hits()).allSatisfy(h -> assertThat(h.vectorScore()).isGreaterThan(0.5)); // vectors read
            assertThat(all.hits()).filteredOn(h -> h.id().equals("return")).hasSize(1);
        }
    }
}
