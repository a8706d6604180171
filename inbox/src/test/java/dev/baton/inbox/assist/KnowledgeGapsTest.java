package dev.baton.inbox.assist;

import dev.baton.core.conversation.HandoffReason;
import dev.baton.core.state.KeyValueStore;
import dev.baton.inbox.auth.Principal;
import dev.baton.inbox.auth.Role;
import dev.baton.inbox.desk.Refusal;
import dev.baton.inbox.knowledge.KnowledgeDrafts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static dev.baton.inbox.assist.AssistFixture.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Knowledge gaps at the service level: which questions count (misses, the question before a handoff; not answered
 * ones, not takeovers, not older than the period), how paraphrases group apart from unrelated questions, the ranking
 * by volume and by handoff rate, the link to the human answer that settled the question, and the draft made from it.
 */
class KnowledgeGapsTest {

    @TempDir
    Path knowledge;

    private final AssistFixture f = new AssistFixture();
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final KeyValueStore marks = KeyValueStore.inMemory();

    @AfterEach
    void close() {
        f.close();
    }

    private KnowledgeGaps gaps() {
        return new KnowledgeGaps(f.store, new HumanAnswers(f.store, t -> false), new VectorCache(AssistFixture.VECTORS),
                new KnowledgeDrafts(knowledge, () -> { }, marks, clock), marks, t -> false, clock);
    }

    private static Instant daysAgo(int d) {
        return NOW.minus(Duration.ofDays(d));
    }

    /** Three refund paraphrases (two went to a person and were answered), one password miss, one delivery handoff. */
    private long[] scene() {
        long c1 = f.answeredByHuman("Can I get a refund for a broken kettle?", "ann",
                "Yes: send us a photo of the damage and we refund you within 3 days.", daysAgo(5));
        long c2 = f.answeredByHuman("how do i get my money back??", "bob",
                "We refund to the original card once the item is back.", daysAgo(3));
        long c3 = f.conversation(null);
        f.ask(c3, "I want a refund, how does that work", true, daysAgo(2));
        f.bot(c3, "Sorry, I don't know.", null, daysAgo(2).plusSeconds(1));
        long c4 = f.conversation(null);
        f.ask(c4, "I forgot my password", true, daysAgo(4));
        f.bot(c4, "Sorry, I don't know.", null, daysAgo(4).plusSeconds(1));
        long c5 = f.conversation(null);
        f.ask(c5, "When will you deliver my parcel?", false, daysAgo(1));
        f.bot(c5, "Parcels arrive in 2 days.", "faq.md › Delivery", daysAgo(1).plusSeconds(1));
        f.request(c5, daysAgo(1).plusSeconds(30));
        f.handoff(c5, daysAgo(1).plusSeconds(31));
        return new long[]{c1, c2, c3, c4, c5};
    }

    @Test
    void should_group_paraphrases_apart_from_unrelated_questions_and_rank_by_volume() {
        long[] c = scene();

        KnowledgeGaps.Report r = gaps().report(30, KnowledgeGaps.Sort.VOLUME);

        assertThat(r.questions()).isEqualTo(5);
        assertThat(r.gaps()).hasSize(3);
        KnowledgeGaps.Gap refund = r.gaps().get(0);
        assertThat(refund.conversations()).isEqualTo(3);
        assertThat(refund.examples()).extracting(KnowledgeGaps.Example::text).containsExactlyInAnyOrder(
                "Can I get a refund for a broken kettle?", "how do i get my money back??",
                "I want a refund, how does that work");
        assertThat(refund.handedOff()).isEqualTo(2);
        assertThat(refund.handoffRate()).isEqualTo(0.667);
        assertThat(r.gaps()).extracting(KnowledgeGaps.Gap::question).contains("I forgot my password",
                "When will you deliver my parcel?");
        KnowledgeGaps.Gap password = r.gaps().stream().filter(g -> g.question().contains("password")).findFirst()
                .orElseThrow();
        assertThat(password.handedOff()).isZero();
        assertThat(password.answers()).isEmpty();
        assertThat(password.examples().get(0).conversationId()).isEqualTo(c[3]);
    }

    @Test
    void should_rank_by_handoff_rate_when_asked() {
        scene();

        List<KnowledgeGaps.Gap> byRate = gaps().report(30, KnowledgeGaps.Sort.HANDOFF_RATE).gaps();

        assertThat(byRate).extracting(KnowledgeGaps.Gap::question).first().isEqualTo(
                "When will you deliver my parcel?");
        assertThat(byRate.get(0).handoffRate()).isEqualTo(1.0);
        assertThat(byRate.get(1).conversations()).as("then the refunds (0.667)").isEqualTo(3);
        assertThat(byRate.get(2).handoffRate()).isZero();
    }

    @Test
    void should_link_each_gap_to_the_human_answers_that_settled_it() {
        long[] c = scene();

        KnowledgeGaps.Gap refund = gaps().report(30, KnowledgeGaps.Sort.VOLUME).gaps().get(0);

        assertThat(refund.answers()).extracting(KnowledgeGaps.HumanAnswer::agent).containsExactly("bob", "ann");
        assertThat(refund.answers().get(0).text()).as("the substance, not the greeting")
                .isEqualTo("We refund to the original card once the item is back.");
        assertThat(refund.answers().get(0).conversationId()).isEqualTo(c[1]);
        assertThat(refund.answers().get(1).conversationId()).isEqualTo(c[0]);
    }

    @Test
    void should_leave_out_answered_questions_takeovers_and_what_is_older_than_the_period() {
        long answered = f.conversation(null);
        f.ask(answered, "Can I get a refund?", false, daysAgo(2));
        f.bot(answered, "Yes, within 7 days.", "faq.md › Refunds", daysAgo(2).plusSeconds(1));
        long takeover = f.conversation(null);
        f.ask(takeover, "Do you sell gift cards?", false, daysAgo(2));
        f.bot(takeover, "Yes, in every shop.", "faq.md › Gift cards", daysAgo(2).plusSeconds(1));
        f.handoff(takeover, daysAgo(2).plusSeconds(50), HandoffReason.AGENT_TAKEOVER);
        long old = f.conversation(null);
        f.ask(old, "I forgot my password", true, daysAgo(40));

        assertThat(gaps().report(30, KnowledgeGaps.Sort.VOLUME).gaps()).isEmpty();
        assertThat(gaps().report(60, KnowledgeGaps.Sort.VOLUME).gaps()).extracting(KnowledgeGaps.Gap::question)
                .containsExactly("I forgot my password");
        assertThatThrownBy(() -> gaps().report(0, KnowledgeGaps.Sort.VOLUME)).isInstanceOf(Refusal.class);
        assertThatThrownBy(() -> gaps().report(91, KnowledgeGaps.Sort.VOLUME)).isInstanceOf(Refusal.class);
    }

    @Test
    void should_count_a_customer_asking_again_once() {
        long c = f.conversation(null);
        f.ask(c, "I forgot my password", true, daysAgo(3));
        f.ask(c, "forgot my password, help", true, daysAgo(3).plusSeconds(60));
        long other = f.conversation(null);
        f.ask(other, "Do you sell gift cards?", true, daysAgo(2));
        f.ask(f.conversation(null), "gift card for my mother?", true, daysAgo(1));

        List<KnowledgeGaps.Gap> gaps = gaps().report(30, KnowledgeGaps.Sort.VOLUME).gaps();

        assertThat(gaps.get(0).question()).containsIgnoringCase("gift card");
        assertThat(gaps.get(0).conversations()).isEqualTo(2);
        assertThat(gaps.get(1).conversations()).isEqualTo(1);
        assertThat(gaps.get(1).questions()).isEqualTo(2);
    }

    @Test
    void should_turn_a_gap_into_a_knowledge_draft_with_the_human_answer() throws Exception {
        scene();
        KnowledgeGaps gaps = gaps();
        KnowledgeGaps.Gap refund = gaps.report(30, KnowledgeGaps.Sort.VOLUME).gaps().get(0);
        Principal ann = Principal.session("ann", Role.SUPERVISOR);

        KnowledgeGaps.Drafted d = gaps.draft(ann, refund.id(), 30, null, null);

        String md = Files.readString(knowledge.resolve("_drafts").resolve(d.name()));
        assertThat(md).startsWith("# " + refund.question() + "\n\n"
                + "We refund to the original card once the item is back.");
        assertThat(md).contains("by ann");
        assertThat(gaps.report(30, KnowledgeGaps.Sort.VOLUME).gaps().get(0).draft()).isEqualTo(d.name());

        KnowledgeGaps.Gap password = gaps.report(30, KnowledgeGaps.Sort.VOLUME).gaps().stream()
                .filter(g -> g.question().contains("password")).findFirst().orElseThrow();
        assertThatThrownBy(() -> gaps.draft(ann, password.id(), 30, null, " ")).isInstanceOf(Refusal.class)
                .hasMessageContaining("no human answer yet");
        KnowledgeGaps.Drafted written = gaps.draft(ann, password.id(), 30, "How do I reset my password?",
                "Tap \"Forgot password\" on the sign-in page.");
        assertThat(Files.readString(knowledge.resolve("_drafts").resolve(written.name())))
                .startsWith("# How do I reset my password?\n\nTap \"Forgot password\"");
        assertThatThrownBy(() -> gaps.draft(ann, 999_999, 30, null, null)).isInstanceOf(Refusal.class)
                .hasMessageContaining("no knowledge gap");
    }
}
