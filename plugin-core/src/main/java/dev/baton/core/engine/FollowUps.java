package dev.baton.core.engine;

import dev.baton.core.conversation.Author;
import dev.baton.core.conversation.Message;
import dev.baton.core.knowledge.KnowledgeAnswer;
import dev.baton.core.knowledge.KnowledgeSearch;
import dev.baton.text.Language;
import dev.baton.text.Texts;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Searches the knowledge for a customer turn with the conversation in mind: a follow-up is read together with the
 * question it follows. "does that apply to groceries too?" right after a delivery-fee answer is about the delivery
 * fee, and "那另一个呢" means something only next to what came before.
 *
 * <p>The context is the <em>last question the knowledge answered</em> in this stretch with the bot: the customer's
 * latest genuine question (not small talk, not a message without words), if the bot answered it from the knowledge.
 * When that question was itself a miss there is no context: its topic is one the knowledge does not cover, and
 * adding it would only blur the next one. With that context the turn is searched twice, the message alone and the
 * previous question followed by the message, and the joint search is used when
 * <ul>
 *   <li>the message <b>refers back</b> (a demonstrative or a pronoun without a topic of its own: "for that",
 *   "does it", "the other one", "too?", "what about …", 那个, 另一个, 也能, "那超市呢"), and the joint search is
 *   confident; a follow-up is by definition about the earlier topic, so the joint answer may be the previous one
 *   again;</li>
 *   <li>or the message alone found nothing confident and the joint search confidently found <em>another</em> entry
 *   than the previous answer, the one the message alone ranked first: the earlier question confirmed the message's
 *   own best guess. The previous answer again would only echo the earlier question (the message added nothing), and
 *   an entry the message alone did not rank first was found by the earlier question's words ("is there a student
 *   discount?" after "Can I pay with PayPal?" finds instalments), so in both cases the honest "I don't know"
 *   stands.</li>
 * </ul>
 * Otherwise the message alone decides. The joint search costs one more search only for those turns. The confidence
 * is the knowledge's own verdict ({@link KnowledgeAnswer#confident()}); this class never re-scores hits, it only
 * chooses between two searches and puts confident hits in the conversation's language first.
 */
final class FollowUps {

    private static final List<Pattern> REFERS_BACK = List.of(
            // English: a demonstrative as the topic, a pronoun after an auxiliary, "the other one", "… too?"
            Pattern.compile("\\b(for|about|with|on|of|like|in|from|to|than) (that|this|those|these)\\b"),
            Pattern.compile("\\b(does|do|did|is|are|was|were|will|would|can|could|should|has|have) (that|this|those|these|it|they)\\b"),
            Pattern.compile("\\b(that|this|those|these)\\s*[?.!]*$"),
            Pattern.compile("\\b(the )?(other|same) (one|ones|thing|option|way|kind|type)\\b|\\banother one\\b"),
            Pattern.compile("\\b(too|as well|either)\\s*[?.!]*$"),
            Pattern.compile("^(and |also |so |but |or )?(what|how) about\\b|^(and |also )?(what if|same for|and for)\\b"),
            // Chinese: 那个/这种, 另一个, 其他的, 也能/同样, and a short "那…呢"
            Pattern.compile("(那|这)(个|种|款|家|样|些|件|位|笔|单)"),
            Pattern.compile("另(一|外一?)(个|种|款|家|件|笔|单)|其他的|别的"),
            Pattern.compile("(也|同样|一样)(是|能|可以|有|要|行|收|适用|会|算)"),
            Pattern.compile("^(那|那么|还有|另外)[^，。？?!！]{0,5}(呢|吗)[?？]*$"));

    private static final Pattern LAST_CLAUSE = Pattern.compile("[,.;:!?，。；：！？]\\s*");

    private final KnowledgeSearch knowledge;

    FollowUps(KnowledgeSearch knowledge) {
        this.knowledge = knowledge;
    }

    /** The question the knowledge last answered in this stretch with the bot, and the citation it was answered with. */
    record Context(String question, String citation) {
    }

    /**
     * The hits for {@code query}, read with the conversation's last answered question when it follows up on it, and
     * with the confident ones in the conversation's {@code language} first (a knowledge folder with the same entry in
     * Chinese and English answers a Chinese customer in Chinese, even when a few English words tipped the search).
     */
    List<KnowledgeAnswer> search(String query, int k, List<Message> history, String language) {
        return inLanguageFirst(search(query, k, history), language);
    }

    private List<KnowledgeAnswer> search(String query, int k, List<Message> history) {
        List<KnowledgeAnswer> alone = knowledge.search(query, k);
        Optional<Context> context = context(history);
        if (context.isEmpty()) {
            return alone;
        }
        boolean refers = refersBack(query);
        boolean sure = KnowledgeSearch.bestConfident(alone).isPresent();
        if (sure && !refers) {
            return alone;
        }
        List<KnowledgeAnswer> joint = knowledge.search(context.get().question() + "\n" + query, k);
        Optional<KnowledgeAnswer> top = KnowledgeSearch.bestConfident(joint);
        if (top.isEmpty()) {
            return alone;
        }
        if (!refers && top.get().citation().equals(context.get().citation())) {
            return alone;
        }
        if (!refers && (alone.isEmpty() || !alone.get(0).id().equals(top.get().id()))) {
            return alone; // the earlier question may confirm the message's own best guess, not point elsewhere
        }
        // what the knowledge lacks is read from the customer's own message, never from the earlier question glued to it
        List<String> lacking = alone.isEmpty() ? List.of() : alone.get(0).uncovered();
        return joint.stream().map(h -> h.withUncovered(lacking)).toList();
    }

    /** Confident hits in {@code language} before confident ones in another; otherwise the order is kept. */
    static List<KnowledgeAnswer> inLanguageFirst(List<KnowledgeAnswer> hits, String language) {
        Optional<KnowledgeAnswer> top = KnowledgeSearch.bestConfident(hits);
        if (top.isEmpty() || language == null || language.equals(Language.detect(top.get().question()))) {
            return hits;
        }
        List<KnowledgeAnswer> ordered = new ArrayList<>();
        hits.stream().filter(h -> h.confident() && language.equals(Language.detect(h.question())))
                .forEach(ordered::add);
        hits.stream().filter(h -> !ordered.contains(h)).forEach(ordered::add);
        return ordered;
    }

    /**
     * True when the message's question, its last clause, points back at what came before instead of naming its own
     * topic. Only the last clause counts: in "and no human for this either: how do I cancel Basket+?" the "this"
     * belongs to an aside, and the question names its topic.
     */
    static boolean refersBack(String text) {
        String norm = Texts.normalise(text);
        String[] clauses = LAST_CLAUSE.split(norm.replaceAll("[\\p{Punct}。？！，；：\\s]+$", ""));
        String question = clauses.length == 0 ? norm : clauses[clauses.length - 1].strip();
        return REFERS_BACK.stream().anyMatch(p -> p.matcher(question).find());
    }

    /**
     * The customer's latest genuine question since a person or the system last spoke, if the bot answered it from the
     * knowledge (a reply with a citation after it); empty otherwise.
     */
    static Optional<Context> context(List<Message> history) {
        String citation = null;
        for (int i = history.size() - 1; i >= 0; i--) {
            Message m = history.get(i);
            if (m.author() == Author.HUMAN || m.author() == Author.SYSTEM) {
                return Optional.empty();
            }
            if (m.author() == Author.BOT) {
                if (citation == null && m.citation() != null) {
                    citation = m.citation();
                }
                continue;
            }
            if (m.fromCustomer() && m.signals() != null && m.signals().triage().smallTalk() == null
                    && Texts.hasWords(m.text())) {
                return citation == null || m.signals().knowledgeMiss() ? Optional.empty()
                        : Optional.of(new Context(m.text(), citation));
            }
        }
        return Optional.empty();
    }
}
