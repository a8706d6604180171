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
     * cues: "is there not a human I can talk to" and "no, agent please" ask for a person.
     */
    public static final List<String> NEGATION_CUES = List.of(
            "不要", "不用", "不需要", "不想", "不必", "无需", "没必要", "用不着", "不找", "别", "先不", "暂时不",
            "don't need", "don't want", "don't wanna", "don't have to", "dont need", "dont want", "do not need",
            "do not want", "doesn't need", "no need", "not need", "not want", "never mind", "nevermind", "no thanks",
            "not looking for", "without");

    /** How a hit was found. */
    public enum Kind {
        /** A literal phrase. */
        KEYWORD,
        /** A regular expression. */
        PATTERN
    }

    /** One hit. {@code negated} means a cue cancels it. */
    public record Hit(String matched, Kind kind, int start, boolean negated) {
    }

    private final List<String> keywords;
    private final List<Pattern> patterns;
    private final List<String> negationCues;

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
    }

    /** All hits in order of discovery: keywords first, then patterns. */
    public List<Hit> hits(String normalised) {
        List<Hit> hits = new ArrayList<>();
        for (String k : keywords) {
            for (int i = Texts.find(normalised, k, 0); i >= 0; i = Texts.find(normalised, k, i + 1)) {
                hits.add(new Hit(k, Kind.KEYWORD, i, negatedAt(normalised, i)));
            }
        }
        for (Pattern p : patterns) {
            Matcher m = p.matcher(normalised);
            while (m.find()) {
                hits.add(new Hit(p.pattern(), Kind.PATTERN, m.start(), negatedAt(normalised, m.start())));
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

    /** True when a negation cue occurs anywhere in the text (used to veto similarity-only matches). */
    public boolean anyCue(String normalised) {
        return negationCues.stream().anyMatch(c -> Texts.find(normalised, c, 0) >= 0);
    }

    public boolean negatedAt(String text, int pos) {
        int clause = Texts.clauseStart(text, pos);
        // a cue may overlap the hit: in "不需要人工" the keyword "要人工" starts inside the cue "不需要"
        String scope = text.substring(clause, Math.min(text.length(), pos + 4));
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
