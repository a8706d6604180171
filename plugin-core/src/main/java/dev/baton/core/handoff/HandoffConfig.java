package dev.baton.core.handoff;

import com.fasterxml.jackson.annotation.JsonCreator;
import dev.baton.core.config.ConfigProblems;
import dev.baton.core.config.Validated;

import java.util.List;
import java.util.Objects;

/**
 * The handoff policy's rules, bound from the YAML {@code handoff:} block (kebab-case keys, unknown keys rejected).
 * Every field is optional: a null (absent) value takes the default shown in {@link #defaults()}. Each rule has
 * {@code enabled}, a {@code priority} (higher is served first; sensitive and VIP default highest) and a target
 * {@code group} (absent → {@code default-group}).
 *
 * <pre>{@code
 * handoff:
 *   keywords: [转人工, 人工客服, 真人, human, agent]   # added to triage's built-in request detection
 *   default-group: support
 *   explicit-request:  { priority: 50 }
 *   button:            { priority: 50 }
 *   negative-sentiment: { threshold: -0.5, consecutive: 2, furious: true, priority: 55 }
 *   complaint:         { intents: [complaint], min-similarity: 0.82, priority: 60 }
 *   repeated-question: { times: 2, priority: 40 }
 *   knowledge-miss:    { count: 2, priority: 30 }
 *   turn-limit:        { max-bot-turns: 15, priority: 20 }
 *   sensitive-intent:  { intents: [account_change, large_transfer, fraud, refund_dispute, identity_check],
 *                        min-similarity: 0.85,
 *                        priority: 80 }        # no group: default-group (name one that inbox.groups defines)
 *   vip:               { tiers: [vip], direct: true, priority: 90 }
 *   agent-tool:        { priority: 50 }      # the LLM called handoffToHuman
 *   llm-unavailable:   { priority: 40 }      # the model failed and the offline answer was not enough
 *   unsupported-media: { priority: 30 }      # media the bot cannot read, with engine.unsupported-media: handoff
 *   lookup-failed:     { priority: 40 }      # a business look-up with on-error: handoff failed
 * }</pre>
 *
 * @param keywords          literal explicit-request keywords; the engine adds them to triage with
 *                          {@code TriageConfig.withExtraKeywords} so that they are negation-aware too
 * @param defaultGroup      the group of every rule that names none
 * @param explicitRequest   the customer asked for a person ({@code explicit_request})
 * @param button            the "talk to a human" button or menu item ({@code button})
 * @param negativeSentiment sentiment at or below a threshold for N consecutive turns ({@code negative_sentiment})
 * @param complaint         a complaint intent ({@code complaint})
 * @param repeatedQuestion  the customer asked the same thing N times ({@code repeated_question})
 * @param knowledgeMiss     N consecutive turns without a confident knowledge hit ({@code knowledge_miss})
 * @param turnLimit         the bot has answered N times already ({@code turn_limit})
 * @param sensitiveIntent   intents that need identity verification by a person ({@code sensitive_intent})
 * @param vip               customer tiers that go to a person, or jump the queue ({@code vip})
 * @param agentTool         priority and group when the LLM asks for a person ({@code agent_tool})
 * @param llmUnavailable    priority and group when the model is down ({@code llm_unavailable})
 * @param unsupportedMedia  priority and group for media the bot cannot read ({@code unsupported_media})
 * @param lookupFailed      priority and group when a business look-up with {@code on-error: handoff} failed
 *                          ({@code lookup_failed})
 */
public record HandoffConfig(List<String> keywords, String defaultGroup, Rule explicitRequest, Rule button,
                            SentimentRule negativeSentiment, ComplaintRule complaint, RepetitionRule repeatedQuestion,
                            KnowledgeMissRule knowledgeMiss, TurnLimitRule turnLimit,
                            SensitiveIntentRule sensitiveIntent, VipRule vip, Target agentTool,
                            Target llmUnavailable, Target unsupportedMedia, Target lookupFailed)
        implements Validated {

    /**
     * {@code handoff.keywords} when the YAML names none, and the keywords of the engine's minimal decider when triage
     * is not configured: the one definition of the default request keywords.
     */
    public static final List<String> DEFAULT_KEYWORDS = List.of("转人工", "人工客服", "真人", "human", "agent");

    @JsonCreator
    public HandoffConfig {
        keywords = keywords == null ? DEFAULT_KEYWORDS : List.copyOf(keywords);
        defaultGroup = Objects.requireNonNullElse(defaultGroup, "support");
        explicitRequest = Objects.requireNonNullElseGet(explicitRequest, () -> new Rule(null, null, null));
        button = Objects.requireNonNullElseGet(button, () -> new Rule(null, null, null));
        negativeSentiment = Objects.requireNonNullElseGet(negativeSentiment,
                () -> new SentimentRule(null, null, null, null, null, null));
        complaint = Objects.requireNonNullElseGet(complaint, () -> new ComplaintRule(null, null, null, null, null));
        repeatedQuestion = Objects.requireNonNullElseGet(repeatedQuestion,
                () -> new RepetitionRule(null, null, null, null));
        knowledgeMiss = Objects.requireNonNullElseGet(knowledgeMiss,
                () -> new KnowledgeMissRule(null, null, null, null));
        turnLimit = Objects.requireNonNullElseGet(turnLimit, () -> new TurnLimitRule(null, null, null, null));
        sensitiveIntent = Objects.requireNonNullElseGet(sensitiveIntent,
                () -> new SensitiveIntentRule(null, null, null, null, null));
        vip = Objects.requireNonNullElseGet(vip, () -> new VipRule(null, null, null, null, null));
        agentTool = Objects.requireNonNullElseGet(agentTool, () -> new Target(50, null));
        llmUnavailable = Objects.requireNonNullElseGet(llmUnavailable, () -> new Target(40, null));
        unsupportedMedia = Objects.requireNonNullElseGet(unsupportedMedia, () -> new Target(30, null));
        lookupFailed = Objects.requireNonNullElseGet(lookupFailed, () -> new Target(40, null));
    }

    /** The rules without a {@code lookup-failed} target (its default applies). */
    public HandoffConfig(List<String> keywords, String defaultGroup, Rule explicitRequest, Rule button,
                         SentimentRule negativeSentiment, ComplaintRule complaint, RepetitionRule repeatedQuestion,
                         KnowledgeMissRule knowledgeMiss, TurnLimitRule turnLimit, SensitiveIntentRule sensitiveIntent,
                         VipRule vip, Target agentTool, Target llmUnavailable, Target unsupportedMedia) {
        this(keywords, defaultGroup, explicitRequest, button, negativeSentiment, complaint, repeatedQuestion,
                knowledgeMiss, turnLimit, sensitiveIntent, vip, agentTool, llmUnavailable, unsupportedMedia, null);
    }

    /** Every rule with its default values. */
    public static HandoffConfig defaults() {
        return new HandoffConfig(null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null);
    }

    /** The group a rule routes to: its own, else {@code default-group}. */
    String groupOr(String group) {
        return group == null || group.isBlank() ? defaultGroup : group;
    }

    @Override
    public void validate(String prefix, ConfigProblems problems) {
        if (keywords.stream().anyMatch(k -> k == null || k.isBlank())) {
            problems.add(prefix + ".keywords", "blank keyword; remove it or write the phrase, e.g. 转人工");
        }
        if (defaultGroup.isBlank()) {
            problems.add(prefix + ".default-group", "must not be blank; e.g. default-group: support");
        }
        checkPriority(prefix + ".explicit-request", explicitRequest.priority(), problems);
        checkPriority(prefix + ".button", button.priority(), problems);
        checkPriority(prefix + ".negative-sentiment", negativeSentiment.priority(), problems);
        checkPriority(prefix + ".complaint", complaint.priority(), problems);
        checkPriority(prefix + ".repeated-question", repeatedQuestion.priority(), problems);
        checkPriority(prefix + ".knowledge-miss", knowledgeMiss.priority(), problems);
        checkPriority(prefix + ".turn-limit", turnLimit.priority(), problems);
        checkPriority(prefix + ".sensitive-intent", sensitiveIntent.priority(), problems);
        checkPriority(prefix + ".vip", vip.priority(), problems);
        checkPriority(prefix + ".agent-tool", agentTool.priority(), problems);
        checkPriority(prefix + ".llm-unavailable", llmUnavailable.priority(), problems);
        checkPriority(prefix + ".unsupported-media", unsupportedMedia.priority(), problems);
        checkPriority(prefix + ".lookup-failed", lookupFailed.priority(), problems);
        if (negativeSentiment.threshold() < -1 || negativeSentiment.threshold() > 1) {
            problems.add(prefix + ".negative-sentiment.threshold",
                    "must be between -1 and 1 (scores run from -1, very negative, to 1); e.g. -0.5");
        }
        if (negativeSentiment.consecutive() < 1) {
            problems.add(prefix + ".negative-sentiment.consecutive", "must be at least 1; e.g. 2");
        }
        if (repeatedQuestion.times() < 2) {
            problems.add(prefix + ".repeated-question.times",
                    "must be at least 2 (asked once is not a repetition); e.g. 2");
        }
        if (knowledgeMiss.count() < 1) {
            problems.add(prefix + ".knowledge-miss.count", "must be at least 1; e.g. 2");
        }
        if (turnLimit.maxBotTurns() < 1) {
            problems.add(prefix + ".turn-limit.max-bot-turns", "must be at least 1; e.g. 15");
        }
        checkSimilarity(prefix + ".complaint.min-similarity", complaint.minSimilarity(), problems);
        checkSimilarity(prefix + ".sensitive-intent.min-similarity", sensitiveIntent.minSimilarity(), problems);
        if (complaint.enabled() && complaint.intents().isEmpty()) {
            problems.add(prefix + ".complaint.intents", "empty; list intent names, e.g. [complaint], or enabled: false");
        }
        if (sensitiveIntent.enabled() && sensitiveIntent.intents().isEmpty()) {
            problems.add(prefix + ".sensitive-intent.intents",
                    "empty; list intent names, e.g. [account_change, fraud], or enabled: false");
        }
        if (vip.tiers().stream().anyMatch(t -> t == null || t.isBlank())) {
            problems.add(prefix + ".vip.tiers", "blank tier; write tier names as in the customer profile, e.g. [vip]");
        }
    }

    private static void checkPriority(String key, int priority, ConfigProblems problems) {
        if (priority < 0 || priority > 100) {
            problems.add(key + ".priority", "must be between 0 and 100 (higher is served first); got " + priority);
        }
    }

    private static void checkSimilarity(String key, double v, ConfigProblems problems) {
        if (v < 0 || v > 1) {
            problems.add(key, "must be between 0 and 1 (cosine similarity); e.g. 0.8");
        }
    }

    /**
     * Where a handoff that another part asked for goes (the LLM's tool, the model being down, unreadable media): its
     * priority and group (absent → {@code default-group}). Whether such a handoff happens is not the policy's choice.
     */
    public record Target(Integer priority, String group) {
        public Target {
            priority = Objects.requireNonNullElse(priority, 50);
        }
    }

    /** A rule with no parameters of its own. Defaults: enabled, priority 50, the default group. */
    public record Rule(Boolean enabled, Integer priority, String group) {
        public Rule {
            enabled = Objects.requireNonNullElse(enabled, true);
            priority = Objects.requireNonNullElse(priority, 50);
        }
    }

    /**
     * Defaults: threshold -0.5, 2 consecutive turns, priority 55, furious true. The current turn counts. With
     * {@code furious}, one strongly angry message (triage's {@code furious}: negative and said with intensity) is
     * enough.
     */
    public record SentimentRule(Boolean enabled, Integer priority, String group, Double threshold,
                                Integer consecutive, Boolean furious) {
        public SentimentRule {
            enabled = Objects.requireNonNullElse(enabled, true);
            priority = Objects.requireNonNullElse(priority, 55);
            threshold = Objects.requireNonNullElse(threshold, -0.5);
            consecutive = Objects.requireNonNullElse(consecutive, 2);
            furious = Objects.requireNonNullElse(furious, true);
        }

        /** The rule without the one-furious-message trigger's setting (default on). */
        public SentimentRule(Boolean enabled, Integer priority, String group, Double threshold, Integer consecutive) {
            this(enabled, priority, group, threshold, consecutive, null);
        }
    }

    /**
     * Defaults: intents [complaint], priority 60, min-similarity 0.82 (for kNN matches; keyword and pattern matches
     * count as 1.0).
     */
    public record ComplaintRule(Boolean enabled, Integer priority, String group, List<String> intents,
                                Double minSimilarity) {
        public ComplaintRule {
            enabled = Objects.requireNonNullElse(enabled, true);
            priority = Objects.requireNonNullElse(priority, 60);
            intents = intents == null ? List.of("complaint") : List.copyOf(intents);
            minSimilarity = Objects.requireNonNullElse(minSimilarity, 0.82);
        }
    }

    /** Defaults: the same question asked 2 times (the first repeat), priority 40. */
    public record RepetitionRule(Boolean enabled, Integer priority, String group, Integer times) {
        public RepetitionRule {
            enabled = Objects.requireNonNullElse(enabled, true);
            priority = Objects.requireNonNullElse(priority, 40);
            times = Objects.requireNonNullElse(times, 2);
        }
    }

    /** Defaults: 2 consecutive turns without a confident knowledge hit, priority 30. */
    public record KnowledgeMissRule(Boolean enabled, Integer priority, String group, Integer count) {
        public KnowledgeMissRule {
            enabled = Objects.requireNonNullElse(enabled, true);
            priority = Objects.requireNonNullElse(priority, 30);
            count = Objects.requireNonNullElse(count, 2);
        }
    }

    /** Defaults: after 15 bot answers, priority 20. */
    public record TurnLimitRule(Boolean enabled, Integer priority, String group, Integer maxBotTurns) {
        public TurnLimitRule {
            enabled = Objects.requireNonNullElse(enabled, true);
            priority = Objects.requireNonNullElse(priority, 20);
            maxBotTurns = Objects.requireNonNullElse(maxBotTurns, 15);
        }
    }

    /**
     * Defaults: intents [account_change, large_transfer, fraud, refund_dispute, identity_check], min-similarity 0.85,
     * priority 80.
     * These need identity verification by a person; the bot must not perform or promise them.
     */
    public record SensitiveIntentRule(Boolean enabled, Integer priority, String group, List<String> intents,
                                      Double minSimilarity) {
        public SensitiveIntentRule {
            enabled = Objects.requireNonNullElse(enabled, true);
            priority = Objects.requireNonNullElse(priority, 80);
            intents = intents == null ? List.of("account_change", "large_transfer", "fraud", "refund_dispute",
                    "identity_check")
                    : List.copyOf(intents);
            minSimilarity = Objects.requireNonNullElse(minSimilarity, 0.85);
        }
    }

    /**
     * Defaults: tiers [vip], direct true, priority 90. {@code direct: true} sends every message of such a customer to
     * a person; {@code direct: false} only adds the {@code vip} reason and its priority to a handoff another rule
     * forced (so VIPs jump the queue). Tiers compare case-insensitively.
     */
    public record VipRule(Boolean enabled, Integer priority, String group, List<String> tiers, Boolean direct) {
        public VipRule {
            enabled = Objects.requireNonNullElse(enabled, true);
            priority = Objects.requireNonNullElse(priority, 90);
            tiers = tiers == null ? List.of("vip") : List.copyOf(tiers);
            direct = Objects.requireNonNullElse(direct, true);
        }
    }
}
