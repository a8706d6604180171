package dev.baton.core.lookup;

import dev.baton.core.conversation.Author;
import dev.baton.core.conversation.LookupTrace;
import dev.baton.core.conversation.Message;
import dev.baton.text.Texts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The look-ups without a model. A turn belongs to a look-up when
 * <ul>
 *   <li>triage recognised the look-up's intent (its {@code examples} joined the intent of its name);</li>
 *   <li>or the bot asked for a parameter in its last reply and this message holds a value for it;</li>
 *   <li>or it follows up on a look-up of the last few turns with a new value ("那我的另一个订单 20251121-0002
 *   呢", "what about 20251121-0002?"): it holds a value for one of that look-up's parameters, and either no other
 *   intent was recognised or it refers back.</li>
 * </ul>
 * Each parameter is filled from this message, else from the last few customer turns ({@value #RECENT_TURNS}) since a
 * person last spoke. A missing one is asked for, once: when the customer's answer to that question does not hold it
 * either, the turn goes on to the knowledge like any other. With every value, the look-up is called and the customer
 * gets the answer, the not-found text, or on error the apology or a person ({@code on-error}).
 */
public final class OfflineLookups {

    /** How many earlier customer turns a parameter's value may come from. */
    static final int RECENT_TURNS = 3;

    private static final Pattern REFERS_BACK = Pattern.compile(
            "另(一|外)|其他|别的|还有|那|呢|也|\\b(what about|how about|and|also|another|other|too)\\b");

    private final Lookups lookups;

    public OfflineLookups(Lookups lookups) {
        this.lookups = lookups;
    }

    /** The look-up step of a turn, or empty when the turn is not a look-up's (or one already asked in vain). */
    public Optional<LookupStep> step(LookupTurn turn) {
        if (lookups.isEmpty()) {
            return Optional.empty();
        }
        List<Message> recent = recentCustomerTurns(turn.history());
        LookupTrace pending = recent.isEmpty() ? null : last(recent.get(recent.size() - 1), true);
        Optional<Lookup> target = lookups.find(turn.intent());
        if (target.isEmpty() && pending != null) {
            target = lookups.find(pending.name()).filter(l -> l.find(pending.asked(), turn.text()).isPresent());
        }
        if (target.isEmpty()) {
            target = followedUp(turn, recent);
        }
        if (target.isEmpty()) {
            return Optional.empty();
        }
        Lookup lookup = target.get();
        boolean answersAsk = pending != null && pending.name().equals(lookup.name());
        Map<String, String> values = values(lookup, turn.text(), recent, answersAsk ? pending : null);
        List<String> missing = lookup.missing(values);
        if (!missing.isEmpty()) {
            if (answersAsk && missing.contains(pending.asked())) {
                return Optional.empty(); // asked once: the customer moved on
            }
            String param = missing.get(0);
            lookups.asked(lookup);
            return Optional.of(new LookupStep.Ask(lookup.ask(param, turn.language()),
                    LookupTrace.asked(lookup.name(), values, param)));
        }
        Lookups.Result r = lookups.run(lookup, values, turn.customer(), turn.conversationId(), turn.language());
        if (r.failed() && lookup.config().onError() == LookupConfig.OnError.HANDOFF) {
            return Optional.of(new LookupStep.HandOff("look-up " + lookup.name() + " failed (" + r.trace().text()
                    + ")", r.trace()));
        }
        return Optional.of(new LookupStep.Answer(r.reply(), r.trace()));
    }

    /** A look-up of the last few turns that this message follows up on with a new value, if any. */
    private Optional<Lookup> followedUp(LookupTurn turn, List<Message> recent) {
        if (turn.intent() != null && !REFERS_BACK.matcher(Texts.normalise(turn.text())).find()) {
            return Optional.empty();
        }
        for (int i = recent.size() - 1; i >= 0; i--) {
            LookupTrace earlier = last(recent.get(i), false);
            if (earlier == null) {
                continue;
            }
            Optional<Lookup> l = lookups.find(earlier.name());
            if (l.isPresent() && l.get().messageParams().stream()
                    .anyMatch(p -> l.get().find(p, turn.text()).isPresent())) {
                return l;
            }
            return Optional.empty(); // only the latest look-up is followed up on
        }
        return Optional.empty();
    }

    /**
     * Each parameter's value: from this message, else what the customer gave when asked ({@code pending}), else the
     * latest of the recent turns that holds one.
     */
    private static Map<String, String> values(Lookup lookup, String text, List<Message> recent, LookupTrace pending) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String p : lookup.messageParams()) {
            Optional<String> v = lookup.find(p, text);
            if (v.isEmpty() && pending != null && pending.params().get(p) != null) {
                v = Optional.of(pending.params().get(p));
            }
            for (int i = recent.size() - 1; i >= 0 && v.isEmpty(); i--) {
                v = lookup.find(p, recent.get(i).text());
            }
            v.ifPresent(value -> values.put(p, value));
        }
        return values;
    }

    /** The customer's last few messages since a person (or the system) last spoke, oldest first. */
    private static List<Message> recentCustomerTurns(List<Message> history) {
        List<Message> out = new ArrayList<>();
        for (int i = history.size() - 1; i >= 0 && out.size() < RECENT_TURNS; i--) {
            Message m = history.get(i);
            if (m.author() == Author.HUMAN || m.author() == Author.SYSTEM) {
                break;
            }
            if (m.fromCustomer()) {
                out.add(0, m);
            }
        }
        return out;
    }

    /** The last look-up of a message: only one that asked ({@code asking}), or only one that did not. */
    private static LookupTrace last(Message m, boolean asking) {
        if (m.signals() == null) {
            return null;
        }
        List<LookupTrace> traces = m.signals().lookups();
        for (int i = traces.size() - 1; i >= 0; i--) {
            LookupTrace t = traces.get(i);
            if ((t.outcome() == LookupTrace.Outcome.ASKED) == asking) {
                return t;
            }
        }
        return null;
    }
}
