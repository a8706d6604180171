package dev.baton.inbox.assist;

import dev.baton.core.channel.Channel;
import dev.baton.core.conversation.Author;
import dev.baton.core.conversation.HandoffContext;
import dev.baton.core.conversation.HandoffReason;
import dev.baton.core.conversation.HandoffTicket;
import dev.baton.core.conversation.TriageSignals;
import dev.baton.core.conversation.TurnSignals;
import dev.baton.core.engine.EngineBuilder;
import dev.baton.core.knowledge.QuestionVector;
import dev.baton.core.knowledge.QuestionVectors;
import dev.baton.core.store.Database;
import dev.baton.core.store.Store;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A database with conversations written as the engine writes them: customer questions with their signals (answered
 * or a knowledge miss), bot answers, handoff tickets, agents' replies and resolves, at chosen times. Questions are read
 * as vectors by {@link #VECTORS}, a stand-in for the embedding model: each text is the unit vector of the topic its
 * words name (see {@link #TOPICS}), nudged by its length so that paraphrases are close but not identical.
 */
final class AssistFixture implements AutoCloseable {

    static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

    /** Words → topic axis (0..3); a text naming none is on its own axis (4) and like nothing else. */
    static final Map<String, Integer> TOPICS = new LinkedHashMap<>();

    static {
        for (String w : List.of("refund", "money back", "reimburse", "退款", "退钱")) {
            TOPICS.put(w, 0);
        }
        for (String w : List.of("password", "log in", "login", "密码")) {
            TOPICS.put(w, 1);
        }
        for (String w : List.of("gift card", "voucher", "礼品卡")) {
            TOPICS.put(w, 2);
        }
        for (String w : List.of("deliver", "shipping", "parcel", "快递")) {
            TOPICS.put(w, 3);
        }
    }

    static final QuestionVectors VECTORS = text -> {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String t = text.toLowerCase(Locale.ROOT);
        float[] v = new float[6];
        int axis = TOPICS.entrySet().stream().filter(e -> t.contains(e.getKey())).map(Map.Entry::getValue).findFirst()
                .orElse(4);
        v[axis] = 1;
        v[5] = (t.length() % 7) / 20f; // a little apart, as paraphrases are
        boolean zh = t.codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN);
        return Optional.of(new QuestionVector(zh ? "zh" : "en", QuestionVector.unit(v)));
    };

    final Database db = Database.open("jdbc:h2:mem:assist-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", null, null,
            4);
    final EngineBuilder.Built engine = new EngineBuilder(db).build();
    final Store store = engine.store();
    private int customers;

    /** A new customer's conversation; {@code language} is the customer's. */
    long conversation(String language) {
        return db.inTransaction(c -> {
            var cu = store.customers().upsert(c, Channel.of("dev"), "cust-" + (++customers), "Customer " + customers,
                    NOW.minusSeconds(86_400 * 60));
            store.customers().updateProfile(c, cu.id(), null, List.of(), language);
            return store.conversations().forCustomer(c, cu.id(), Channel.of("dev"), null, NOW.minusSeconds(86_400 * 60))
                    .id();
        });
    }

    /** A customer question; {@code miss}: the knowledge had no answer. */
    long ask(long conv, String text, boolean miss, Instant at) {
        String lang = text.codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN)
                ? "zh" : "en";
        TriageSignals triage = new TriageSignals(lang, TriageSignals.ExplicitRequest.none(),
                new TriageSignals.Sentiment(TriageSignals.Polarity.NEUTRAL, 0.0), null, null, 100);
        return db.inTransaction(c -> store.messages().append(c, conv, null, Author.CUSTOMER, null, text, null,
                TurnSignals.of(triage, miss), at).id());
    }

    /** A request for a person ("I want a human"). */
    void request(long conv, Instant at) {
        TriageSignals triage = new TriageSignals("en", new TriageSignals.ExplicitRequest(true,
                TriageSignals.Method.KEYWORD, "human", 1.0, false), null, new TriageSignals.IntentMatch("human_agent",
                1.0, TriageSignals.Method.KEYWORD, null), null, 100);
        db.inTransaction(c -> store.messages().append(c, conv, null, Author.CUSTOMER, null, "human please", null,
                TurnSignals.of(triage, false), at));
    }

    void bot(long conv, String text, String citation, Instant at) {
        db.inTransaction(c -> store.messages().append(c, conv, null, Author.BOT, null, text, citation, null, at));
    }

    void human(long conv, String agent, String text, Instant at) {
        db.inTransaction(c -> store.messages().append(c, conv, null, Author.HUMAN, agent, text, null, null, at));
    }

    /** A handoff ticket opened at {@code at}; returns its id. */
    long handoff(long conv, Instant at) {
        return handoff(conv, at, HandoffReason.EXPLICIT_REQUEST);
    }

    long handoff(long conv, Instant at, HandoffReason reason) {
        HandoffContext context = new HandoffContext(new HandoffTicket.CustomerProfile(1, Channel.of("dev"), "x", null,
                null, null, List.of()), "asked for a person", "en", null, List.of(), List.of(), List.of(), null);
        return db.inTransaction(c -> store.tickets().insert(c, conv, List.of(reason), 40, "support", "summary",
                context, 1, at));
    }

    void resolve(long ticket, Instant at) {
        db.inTransaction(c -> store.tickets().resolve(c, ticket, "resolved", null, at));
    }

    /** A whole episode: the question (a miss), a handoff, the agent's greeting and answer, the resolve. */
    long answeredByHuman(String question, String agent, String answer, Instant at) {
        long conv = conversation(null);
        ask(conv, question, true, at);
        bot(conv, "Sorry, I don't know that.", null, at.plusSeconds(1));
        request(conv, at.plusSeconds(20));
        long ticket = handoff(conv, at.plusSeconds(21));
        human(conv, agent, "Hi, " + agent + " here.", at.plusSeconds(60));
        human(conv, agent, answer, at.plusSeconds(120));
        resolve(ticket, at.plusSeconds(300));
        return conv;
    }

    @Override
    public void close() {
        engine.close();
        db.close();
    }
}
