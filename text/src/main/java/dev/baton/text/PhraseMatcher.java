package dev.baton.text;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds keywords and regular expressions in normalised text ({@link Texts#normalise(String)}) and tells whether each
 * hit is negated by a cue that comes shortly before it in the same clause ("不要转人工", "I don't need a human"). A
 * Chinese cue must end within {@value #HAN_CUE_WINDOW} characters of the hit (so "我不想跟机器人聊 转人工" is still a
 * request), a Latin cue within {@value #LATIN_CUE_WINDOW} characters. Latin phrases match on word boundaries, Chinese
 * ones anywhere. The one matcher for "the customer asked for a person": triage's explicit-request and intent keywords
 * and the engine's minimal keyword decider both use it, with {@link #NEGATION_CUES}. Immutable and thread-safe.
 */
public final class PhraseMatcher {

    /** How far (in characters) before a hit a Chinese negation cue may end. */
    public static final int HAN_CUE_WINDOW = 4;
    /** How far (in characters) before a hit a Latin negation cue may end. */
    public static final int LATIN_CUE_WINDOW = 20;

    /**
     * The built-in negation cues, Chinese and English, written for customer service. Operators add to them
     * ({@code triage.negation-cues}); nothing removes them. Bare {@code not}, {@code no} and {@code don't} are not
     * cues: "is there not a human I can talk to" and "no, agent please" ask for a person. Two families are generated
     * rather than listed: a refused hand-over ({@code don't} / {@code do not} + a verb of passing on: "don't put me
     * through", "do not transfer me") and a refused person ({@code no} + a word for one: "no human for this either",
     * "no agent please"), each of which only negates a request that follows it in the same clause.
     */
    public static final List<String> NEGATION_CUES = negationCues();

    private static List<String> negationCues() {
        List<String> cues = new ArrayList<>(List.of(
                "不要", "不用", "不需要", "不想", "不必", "无需", "没必要", "用不着", "不找", "别", "先不", "暂时不",
                "不转", "不接", "不叫", "不换",
                "don't need", "don't want", "don't wanna", "don't have to", "dont need", "dont want", "do not need",
                "do not want", "doesn't need", "no need", "not need", "not want", "never mind", "nevermind",
                "no thanks", "not looking for", "without"));
        for (String verb : List.of("put", "transfer", "connect", "escalate", "pass", "hand", "send", "switch",
                "forward", "redirect")) {
            for (String dont : List.of("don't ", "dont ", "do not ")) {
                cues.add(dont + verb);
            }
        }
        for (String person : List.of("human", "humans", "agent", "agents", "person", "people", "operator",
                "representative", "rep", "staff", "transfer", "handoff", "hand-off")) {
            cues.add("no " + person);
        }
        return List.copyOf(cues);
    }

    /** How a hit was found. */
    public enum Kind {
        /** A literal phrase. */
        KEYWORD,
        /** A regular expression. */
        PATTERN
    }

    /**
     * One hit over {@code [start, end)} of the text it was found in. {@code negated} means a cue cancels it;
     * {@code tolerant} that it was found only in the message as {@link TypoTolerance} reads it (a typo or a
     * homophone corrected).
     */
    public record Hit(String matched, Kind kind, int start, int end, boolean negated, boolean tolerant) {

        Hit asTolerant() {
            return new Hit(matched, kind, start, end, negated, true);
        }
    }

    private final List<String> keywords;
    private final List<Pattern> patterns;
    private final List<String> negationCues;
    private final TypoTolerance tolerance;
    private final int longestCue;

    /** Literal keywords only, negated by {@link #NEGATION_CUES}. */
    public PhraseMatcher(List<String> keywords) {
        this(keywords, List.of(), NEGATION_CUES);
    }

    /**
     * @param keywords     literal phrases, normalised here (blank ones dropped)
     * @param patterns     Java regular expressions over the normalised text
     * @param negationCues phrases that cancel a hit shortly after them in the same clause, normalised here
     */
    public PhraseMatcher(List<String> keywords, List<String> patterns, List<String> negationCues) {
        this.keywords = keywords.stream().map(Texts::normalise).filter(k -> !k.isEmpty()).distinct().toList();
        this.patterns = patterns.stream().map(Pattern::compile).toList();
        this.negationCues = negationCues.stream().map(Texts::normalise).filter(k -> !k.isEmpty()).distinct().toList();
        this.tolerance = TypoTolerance.of(this.keywords, patterns, this.negationCues);
        this.longestCue = this.negationCues.stream().mapToInt(String::length).max().orElse(0);
    }

    /** All hits in order of discovery: keywords first, then patterns. */
    public List<Hit> hits(String normalised) {
        List<Hit> hits = new ArrayList<>();
        for (String k : keywords) {
            for (int i = Texts.find(normalised, k, 0); i >= 0; i = Texts.find(normalised, k, i + 1)) {
                hits.add(new Hit(k, Kind.KEYWORD, i, i + k.length(), negatedAt(normalised, i), false));
            }
        }
        for (Pattern p : patterns) {
            Matcher m = p.matcher(normalised);
            while (m.find()) {
                hits.add(new Hit(p.pattern(), Kind.PATTERN, m.start(), m.end(), negatedAt(normalised, m.start()),
                        false));
            }
        }
        return hits;
    }

    /** The first hit that is not negated, else the first negated one, else null. */
    public Hit best(String normalised) {
        Hit negated = null;
        for (Hit h : hits(normalised)) {
            if (!h.negated()) {
                return h;
            }
            if (negated == null) {
                negated = h;
            }
        }
        return negated;
    }

    /**
     * {@link #best} on the message as written; when that finds no standing hit, {@link #best} on the message as
     * {@link TypoTolerance} reads it, keeping only hits the reading {@link TypoTolerance.Reading#accepts accepts}
     * ("转人共", "talk to a persn", "有真仁吗"). Negation is judged on the reading too, so "不要转人共" stays negated.
     * The hit's positions refer to the reading's text.
     */
    public Hit bestTolerant(String normalised) {
        Hit exact = best(normalised);
        if (exact != null && !exact.negated()) {
            return exact;
        }
        TypoTolerance.Reading reading = tolerance.read(normalised);
        if (reading.unchanged()) {
            return exact;
        }
        Hit negated = null;
        for (Hit h : hits(reading.text())) {
            if (!reading.changedIn(h.start(), h.end()) || !reading.accepts(h.start(), h.end())) {
                continue;
            }
            if (!h.negated()) {
                return h.asTolerant();
            }
            if (negated == null) {
                negated = h.asTolerant();
            }
        }
        return exact != null ? exact : negated;
    }

    /** True when a negation cue occurs anywhere in the text (used to veto similarity-only matches). */
    public boolean anyCue(String normalised) {
        return negationCues.stream().anyMatch(c -> Texts.find(normalised, c, 0) >= 0);
    }

    public boolean negatedAt(String text, int pos) {
        int clause = Texts.clauseStart(text, pos);
        // a cue may overlap the hit: in "不需要人工" the keyword "要人工" starts inside the cue "不需要", and in
        // "don't put me through" the cue "don't put" runs into the hit "put me through"
        String scope = text.substring(clause, Math.min(text.length(), pos + longestCue));
        int hit = pos - clause;
        for (String cue : negationCues) {
            int window = Texts.isHan(cue.charAt(0)) ? HAN_CUE_WINDOW : LATIN_CUE_WINDOW;
            for (int i = Texts.find(scope, cue, 0); i >= 0 && i < hit; i = Texts.find(scope, cue, i + 1)) {
                if (hit - (i + cue.length()) <= window) {
                    return true;
                }
            }
        }
        return false;
    }
}
