package dev.baton.knowledge;

import dev.baton.knowledge.result.KnowledgeHit;
import dev.baton.knowledge.result.SearchResult;
import dev.baton.knowledge.search.Abstention;
import dev.baton.knowledge.search.FusionWeights;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * An FAQ entry's answer is evidence too: a customer's words are often in the answer, not in the question
 * ({@code AnswerEvidence}). The shop is written here (no evaluation data); every check compares the search with and
 * without the answers' evidence, so it fails when that evidence is not used.
 */
class AnswerEvidenceTest {

    static final String FAQ = """
            # PedalPoint bike rental

            ## How do I unlock a bike?

            Scan the QR code on the handlebar with the PedalPoint app; the lock opens within a few seconds. If it stays shut, move a few metres for a better signal and scan again.

            ## Where can I leave the bike when I'm done?

            Park in any marked PedalPoint bay shown on the map and push the lock closed by hand: that ends your ride and stops the meter.

            ## How much does a ride cost?

            Unlocking costs €1, then €0.20 per minute. A day pass costs €12 and covers unlimited rides of up to 45 minutes each.

            ## What if my bike has a problem?

            Report it in the app under Help > Damaged bike, with a photo. Leave it at the nearest bay; we don't charge for the rest of that ride and send a mechanic.

            ## Can I reserve a bike in advance?

            Yes: tap Reserve on the bike's pin on the map and we hold it for you for 15 minutes, free of charge.

            ## Do you provide helmets?

            We don't provide helmets, for hygiene reasons; bring your own. Children under 16 must wear one.

            ## How do I get a receipt?

            We email a receipt after every ride, and all your past rides are listed under Account > History, where you can download each receipt as a PDF.

            ## Can I use PedalPoint in other cities?

            Your account works in all 12 cities where PedalPoint operates; prices are the same everywhere.
            """;

    private static final FusionWeights ANSWERS =
            FusionWeights.defaults().withAnswerWeight(FusionWeights.MEASURED_ANSWER_WEIGHT);

    @TempDir
    Path tmp;

    private KnowledgeBase open(Path folder, String index, FusionWeights weights) throws Exception {
        KnowledgeBase kb = KnowledgeBase.open(KnowledgeConfig.defaults(folder, tmp.resolve(index)).withWatch(false),
                Fixtures.embedders(), weights, Abstention.defaults());
        kb.sync();
        return kb;
    }

    private Path folder(String name, String file, String text) throws Exception {
        Path folder = Files.createDirectories(tmp.resolve(name));
        Files.writeString(folder.resolve(file), text);
        return folder;
    }

    @Test
    void should_rank_the_entry_whose_answer_speaks_of_the_customers_words_first() throws Exception {
        Path folder = folder("kb", "faq.md", FAQ);
        // "prices are the same everywhere" and "a day pass" are only in the answers
        Map<String, String> cases = Map.of(
                "is it the same price in every city", "Can I use PedalPoint in other cities?",
                "is there a day pass", "How much does a ride cost?");
        try (KnowledgeBase withAnswers = open(folder, "with", ANSWERS);
             KnowledgeBase questionsOnly = open(folder, "without", FusionWeights.defaults().withAnswerWeight(0))) {
            cases.forEach((query, expected) -> {
                assertThat(withAnswers.search(query, 3).hits().get(0).question()).as(query).isEqualTo(expected);
                assertThat(questionsOnly.search(query, 3).hits().get(0).question()).as(query).isNotEqualTo(expected);
            });
        }
    }

    @Test
    void should_score_as_the_question_alone_when_every_answer_is_the_same_text() throws Exception {
        // a placeholder or standard reply tells no entry apart: the answer term is centred on the candidates, so it
        // adds nothing, and the calibrated thresholds stay those of the questions alone
        StringBuilder csv = new StringBuilder("id,question,answer\n");
        List<String> questions = List.of("How do I unlock a bike?", "How much does a ride cost?",
                "Can I reserve a bike in advance?", "Do you provide helmets?", "How do I get a receipt?",
                "怎么开锁？", "骑一次多少钱？", "可以提前预约单车吗？");
        for (int i = 0; i < questions.size(); i++) {
            csv.append("e").append(i).append(',').append(questions.get(i)).append(",Please see our help centre.\n");
        }
        Path folder = folder("same", "faq.csv", csv.toString());
        List<String> queries = List.of("the lock won't open", "what's the price per minute", "do I need a helmet",
                "did the Romans build roads", "单车怎么解锁", "今天天气怎么样");
        try (KnowledgeBase withAnswers = open(folder, "with", ANSWERS);
             KnowledgeBase questionsOnly = open(folder, "without", FusionWeights.defaults().withAnswerWeight(0))) {
            withAnswers.thresholds().forEach((route, t) -> {
                assertThat(t.cosine()).as(route)
                        .isCloseTo(questionsOnly.thresholds().get(route).cosine(), within(2e-4));
                assertThat(t.agreeing()).as(route).isCloseTo(questionsOnly.thresholds().get(route).agreeing(),
                        within(2e-4));
            });
            for (String q : queries) {
                SearchResult a = withAnswers.search(q, 3);
                SearchResult b = questionsOnly.search(q, 3);
                assertThat(a.hits()).extracting(KnowledgeHit::id).as(q)
                        .isEqualTo(b.hits().stream().map(KnowledgeHit::id).toList());
                assertThat(a.best().orElseThrow().vectorScore()).as(q)
                        .isCloseTo(b.best().orElseThrow().vectorScore(), within(1e-5));
                assertThat(a.confident()).as(q).isEqualTo(b.confident());
            }
        }
    }
}
