package dev.baton.core.handoff;

import dev.baton.core.conversation.HandoffReason;
import dev.baton.core.conversation.TriageSignals;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Decides, for one customer turn, whether the conversation must go to a person, from triage signals and
 * conversation facts alone: no LLM call, so a forced handoff costs nothing and the LLM cannot cancel it.
 *
 * <p>Every enabled rule of {@link HandoffConfig} is checked; each one that fires adds its reason code, priority and
 * group. The main reason is the highest-priority one (ties: the order of {@link HandoffConfig}'s components), the
 * decision's priority is the highest, its group the main reason's. The explanation lists each fired rule with the
 * values that made it fire, or, for an answer, the values closest to a rule. Immutable and thread-safe.
 */
public final class HandoffPolicy {

    private final HandoffConfig cfg;

    public HandoffPolicy(HandoffConfig cfg) {
        this.cfg = Objects.requireNonNull(cfg, "cfg");
    }

    public HandoffConfig config() {
        return cfg;
    }

    private record Fired(HandoffReason reason, int priority, String group, String detail) {
    }

    public Decision decide(PolicyInput in) {
        TriageSignals s = in.signals();
        List<Fired> fired = new ArrayList<>();

        if (cfg.explicitRequest().enabled() && s.explicitRequest() != null && s.explicitRequest().detected()) {
            var r = s.explicitRequest();
            fired.add(new Fired(HandoffReason.EXPLICIT_REQUEST, cfg.explicitRequest().priority(),
                    cfg.groupOr(cfg.explicitRequest().group()),
                    "%s matched '%s' (confidence %.2f)".formatted(r.method().code(), r.matched(), r.confidence())));
        }
        if (cfg.button().enabled() && in.humanButton()) {
            fired.add(new Fired(HandoffReason.BUTTON, cfg.button().priority(), cfg.groupOr(cfg.button().group()),
                    "the customer pressed the human button"));
        }
        int negativeRun = negativeRun(in);
        var sent = cfg.negativeSentiment();
        boolean furious = sent.furious() && s.sentiment() != null && s.sentiment().furious();
        // a customer reporting one problem after another ("the salad is missing too") is negative on every turn; when
        // the knowledge answers the message, the answer comes first: the run hands off on a message it cannot answer
        boolean run = negativeRun >= sent.consecutive() && !in.knowledgeAnswered();
        if (sent.enabled() && (run || furious)) {
            fired.add(new Fired(HandoffReason.NEGATIVE_SENTIMENT, sent.priority(), cfg.groupOr(sent.group()),
                    run
                            ? "%d consecutive turns with sentiment <= %.2f (now %.2f)".formatted(negativeRun,
                            sent.threshold(), score(s))
                            : "one furious message (sentiment %.2f)".formatted(score(s))));
        }
        var complaint = cfg.complaint();
        if (complaint.enabled() && intentIn(s, complaint.intents(), complaint.minSimilarity())) {
            fired.add(new Fired(HandoffReason.COMPLAINT, complaint.priority(), cfg.groupOr(complaint.group()),
                    intentDetail(s)));
        }
        int asked = timesAsked(in);
        var rep = cfg.repeatedQuestion();
        if (rep.enabled() && s.repetition() != null && s.repetition().repeated() && asked >= rep.times()) {
            fired.add(new Fired(HandoffReason.REPEATED_QUESTION, rep.priority(), cfg.groupOr(rep.group()),
                    "asked %d times (limit %d), similarity %.2f to earlier message #%d%s".formatted(asked, rep.times(),
                            s.repetition().similarity(), s.repetition().earlierIndex(),
                            s.repetition().exact() ? " (exact)" : "")));
        }
        int misses = missRun(in);
        var km = cfg.knowledgeMiss();
        if (km.enabled() && misses >= km.count()) {
            fired.add(new Fired(HandoffReason.KNOWLEDGE_MISS, km.priority(), cfg.groupOr(km.group()),
                    "%d consecutive turns without a confident knowledge hit (limit %d)".formatted(misses, km.count())));
        }
        var tl = cfg.turnLimit();
        if (tl.enabled() && in.botTurns() >= tl.maxBotTurns()) {
            fired.add(new Fired(HandoffReason.TURN_LIMIT, tl.priority(), cfg.groupOr(tl.group()),
                    "the bot answered %d times (limit %d)".formatted(in.botTurns(), tl.maxBotTurns())));
        }
        var sens = cfg.sensitiveIntent();
        if (sens.enabled() && intentIn(s, sens.intents(), sens.minSimilarity())) {
            fired.add(new Fired(HandoffReason.SENSITIVE_INTENT, sens.priority(), cfg.groupOr(sens.group()),
                    intentDetail(s) + ", needs identity verification"));
        }
        var vip = cfg.vip();
        boolean isVip = vip.enabled() && isVip(in.customerTier());
        // a VIP who said they do not want a person ("别转人工", "don't put me through") is answered by the bot;
        // the decline holds for this stretch with the bot, and any other rule still brings a person (with priority)
        String declined = declinedPerson(in);
        boolean direct = vip.direct() && declined == null;
        if (isVip && (direct || !fired.isEmpty())) {
            fired.add(new Fired(HandoffReason.VIP, vip.priority(), cfg.groupOr(vip.group()),
                    "tier '%s' is in %s%s".formatted(in.customerTier(), vip.tiers(),
                            direct ? " (direct)" : " (queue boost)")));
        }

        if (fired.isEmpty()) {
            String explanation = answerExplanation(in, negativeRun, asked, misses);
            if (isVip && declined != null) {
                explanation += ", VIP declined a person ('" + declined + "')";
            }
            return new Decision.Answer(explanation);
        }
        return handoff(fired);
    }

    /**
     * A handoff another part asked for: the LLM called its tool ({@code agent_tool}), the model was unavailable
     * ({@code llm_unavailable}), the customer sent media the bot cannot read ({@code unsupported_media}), left a
     * message to be contacted ({@code callback}, with the button's priority and group), or a business look-up that
     * hands off on error failed ({@code lookup_failed}). The policy
     * gives it the configured priority and group; a VIP customer's tier adds the {@code vip} reason and priority as it
     * does for every other handoff.
     */
    public Decision.Handoff requested(HandoffReason reason, String detail, String customerTier) {
        HandoffConfig.Target target = switch (reason) {
            case AGENT_TOOL -> cfg.agentTool();
            case LLM_UNAVAILABLE -> cfg.llmUnavailable();
            case UNSUPPORTED_MEDIA -> cfg.unsupportedMedia();
            case LOOKUP_FAILED -> cfg.lookupFailed();
            case CALLBACK -> new HandoffConfig.Target(cfg.button().priority(), cfg.button().group()); // as a tap
            default -> throw new IllegalArgumentException(reason + " is decided by the policy's own rules");
        };
        List<Fired> fired = new ArrayList<>(List.of(new Fired(reason, target.priority(), cfg.groupOr(target.group()),
                detail)));
        var vip = cfg.vip();
        if (vip.enabled() && isVip(customerTier)) {
            fired.add(new Fired(HandoffReason.VIP, vip.priority(), cfg.groupOr(vip.group()),
                    "tier '%s' is in %s".formatted(customerTier, vip.tiers())));
        }
        return handoff(fired);
    }

    /** What the customer said to decline a person, this turn or earlier in this stretch with the bot; else null. */
    private static String declinedPerson(PolicyInput in) {
        var now = in.signals().explicitRequest();
        if (now != null && now.negated()) {
            return now.matched();
        }
        for (TriageSignals h : in.history()) {
            if (h.explicitRequest() != null && h.explicitRequest().negated()) {
                return h.explicitRequest().matched();
            }
        }
        return null;
    }

    private boolean isVip(String tier) {
        return tier != null && cfg.vip().tiers().stream().anyMatch(t -> t.equalsIgnoreCase(tier.trim()));
    }

    private static Decision.Handoff handoff(List<Fired> fired) {
        List<Fired> ordered = fired.stream().sorted(Comparator.comparingInt(Fired::priority).reversed()).toList();
        Fired main = ordered.get(0);
        String explanation = ordered.stream().map(f -> f.reason().code() + ": " + f.detail())
                .collect(Collectors.joining("; ")) + " → priority " + main.priority() + ", group " + main.group();
        return new Decision.Handoff(ordered.stream().map(Fired::reason).toList(), main.priority(), main.group(),
                explanation);
    }

    private String answerExplanation(PolicyInput in, int negativeRun, int asked, int misses) {
        TriageSignals s = in.signals();
        StringBuilder b = new StringBuilder("no rule fired: ");
        if (s.explicitRequest() != null && s.explicitRequest().negated()) {
            b.append("request for a person negated ('").append(s.explicitRequest().matched()).append("'), ");
        }
        b.append("sentiment %.2f (%d/%d turns <= %.2f%s), ".formatted(score(s), negativeRun,
                cfg.negativeSentiment().consecutive(), cfg.negativeSentiment().threshold(),
                negativeRun >= cfg.negativeSentiment().consecutive() && in.knowledgeAnswered()
                        ? "; the knowledge answers this message" : ""));
        b.append("intent ").append(s.intent() == null ? "none"
                : "%s %.2f".formatted(s.intent().name(), s.intent().similarity())).append(", ");
        b.append("asked %d/%d times, ".formatted(asked, cfg.repeatedQuestion().times()));
        b.append("knowledge misses %d/%d, ".formatted(misses, cfg.knowledgeMiss().count()));
        b.append("bot turns %d/%d".formatted(in.botTurns(), cfg.turnLimit().maxBotTurns()));
        if (in.customerTier() != null) {
            b.append(", tier '").append(in.customerTier()).append("'");
        }
        return b.toString();
    }

    private static String intentDetail(TriageSignals s) {
        var i = s.intent();
        return "intent %s %.2f by %s ('%s')".formatted(i.name(), i.similarity(), i.method().code(), i.nearest());
    }

    private static boolean intentIn(TriageSignals s, List<String> intents, double minSimilarity) {
        var i = s.intent();
        if (i == null) {
            return false;
        }
        String name = i.name().toLowerCase(Locale.ROOT);
        return intents.stream().anyMatch(n -> n.toLowerCase(Locale.ROOT).equals(name))
                && i.similarity() >= minSimilarity;
    }

    private static double score(TriageSignals s) {
        return s.sentiment() == null ? 0.0 : s.sentiment().score();
    }

    /** Consecutive turns, ending with the current one, whose sentiment is at or below the threshold. */
    private int negativeRun(PolicyInput in) {
        double threshold = cfg.negativeSentiment().threshold();
        if (score(in.signals()) > threshold) {
            return 0;
        }
        int run = 1;
        for (int i = in.history().size() - 1; i >= 0 && score(in.history().get(i)) <= threshold; i--) {
            run++;
        }
        return run;
    }

    /** 1 + the earlier turns that were themselves repetitions, if the current one repeats; else 1. */
    private static int timesAsked(PolicyInput in) {
        var r = in.signals().repetition();
        if (r == null || !r.repeated()) {
            return 1;
        }
        int repeats = 1;
        for (TriageSignals h : in.history()) {
            if (h.repetition() != null && h.repetition().repeated()) {
                repeats++;
            }
        }
        return repeats + 1;
    }

    /** Consecutive knowledge misses ending with the current turn. */
    private static int missRun(PolicyInput in) {
        if (!in.knowledgeMiss()) {
            return 0;
        }
        int run = 1;
        List<Boolean> earlier = in.earlierKnowledgeMisses();
        for (int i = earlier.size() - 1; i >= 0 && Boolean.TRUE.equals(earlier.get(i)); i--) {
            run++;
        }
        return run;
    }
}
