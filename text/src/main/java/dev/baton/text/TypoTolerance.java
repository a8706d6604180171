package dev.baton.text;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a normalised message as the phrases it was probably meant to contain, so that a matcher's own vocabulary
 * survives typing mistakes. The vocabulary is taken from the phrases and regular expressions being matched (their
 * Latin words and Han characters), so the tolerance follows whatever an operator configures; nothing here is a list
 * of misspellings.
 *
 * <ul>
 *   <li><b>Latin words</b>: a word that is not itself in the vocabulary is read as the vocabulary word at
 *   Damerau–Levenshtein distance 1 (a letter missing, extra, wrong or two letters swapped: "persn", "humna",
 *   "speek"), or 2 for words of at least {@value #LONG_WORD} letters ("represntative"), when exactly one such word is
 *   nearest. Only targets of at least {@value #MIN_TARGET} letters are corrected (short words are too close to
 *   other words: talk/tall/task) and the first letter must agree (typists rarely miss it, and this keeps real words
 *   such as "doing" from becoming "going").</li>
 *   <li><b>Han characters</b>: a character outside the vocabulary whose usual toneless pinyin ({@link
 *   Pinyin#primary}) is that of one in it is read as that one (共 → 工, 仁 → 人): pinyin input methods produce
 *   homophones, not look-alikes, and customers type a character's usual reading. Because
 *   homophones are everywhere, a caller accepts such a reading only inside a hit of at least
 *   {@value #MIN_HAN_SPAN} characters with at most one changed character ({@link Reading#accepts}).</li>
 * </ul>
 * Immutable and thread-safe; the homophone look-ups are cached.
 */
public final class TypoTolerance {

    /** Latin vocabulary words shorter than this are never the target of a correction. */
    public static final int MIN_TARGET = 5;
    /** Words at least this long may be two edits away. */
    public static final int LONG_WORD = 8;
    /** A hit that relies on a homophone must span at least this many characters. */
    public static final int MIN_HAN_SPAN = 3;

    private static final Pattern LATIN_WORD = Pattern.compile("[a-z]+");
    private static final Pattern REGEX_ESCAPE = Pattern.compile("\\\\[a-zA-Z]");

    private final Set<String> known;
    private final List<String> targets;
    private final Set<Character> han;
    private final Set<Character> kept;
    private final Map<Character, Optional<Character>> homophone = new ConcurrentHashMap<>();

    private TypoTolerance(Set<String> known, Set<Character> han, Set<Character> kept) {
        this.known = Set.copyOf(known);
        this.targets = known.stream().filter(w -> w.length() >= MIN_TARGET).sorted().toList();
        this.han = Set.copyOf(han);
        this.kept = Set.copyOf(kept);
    }

    /**
     * The same tolerance for Latin words only, without homophones: for a reader that takes units away (small talk),
     * where a content character read as a vocabulary one would vanish with the unit instead of making a longer hit.
     */
    public TypoTolerance latinOnly() {
        return new TypoTolerance(known, Set.of(), Set.of());
    }

    /**
     * The tolerance for a matcher of these literal phrases and regular expressions (both already normalised, i.e.
     * lower case); the words and characters of {@code keep} (the negation cues) are never changed, so a correction
     * cannot turn a cue into something else.
     */
    public static TypoTolerance of(Collection<String> phrases, Collection<String> patterns, Collection<String> keep) {
        Set<String> words = new HashSet<>();
        Set<Character> han = new HashSet<>();
        Set<Character> kept = new HashSet<>();
        for (String k : keep) {
            Matcher m = LATIN_WORD.matcher(k);
            while (m.find()) {
                words.add(m.group());
            }
            for (int i = 0; i < k.length(); i++) {
                if (Texts.isHan(k.charAt(i))) {
                    kept.add(k.charAt(i));
                }
            }
        }
        List<String> sources = new ArrayList<>(phrases);
        for (String p : patterns) {
            sources.add(REGEX_ESCAPE.matcher(p).replaceAll(" "));
        }
        for (String s : sources) {
            Matcher m = LATIN_WORD.matcher(s);
            while (m.find()) {
                words.add(m.group());
            }
            for (int i = 0; i < s.length(); i++) {
                if (Texts.isHan(s.charAt(i))) {
                    han.add(s.charAt(i));
                }
            }
        }
        return new TypoTolerance(words, han, kept);
    }

    /**
     * The message as it was probably meant: {@link Reading#text()} has the corrections, {@link Reading#changed()}
     * marks the characters that came from one.
     */
    public Reading read(String normalised) {
        StringBuilder out = new StringBuilder(normalised.length() + 8);
        BitSet changed = new BitSet();
        BitSet hanChanged = new BitSet();
        int i = 0;
        while (i < normalised.length()) {
            char c = normalised.charAt(i);
            if (c >= 'a' && c <= 'z') {
                int end = i;
                while (end < normalised.length() && normalised.charAt(end) >= 'a' && normalised.charAt(end) <= 'z') {
                    end++;
                }
                String word = normalised.substring(i, end);
                boolean glued = (i > 0 && Texts.isWordChar(normalised.charAt(i - 1)))
                        || (end < normalised.length() && Texts.isWordChar(normalised.charAt(end)));
                String fixed = glued ? null : correct(word);
                if (fixed != null) {
                    changed.set(out.length(), out.length() + fixed.length());
                    out.append(fixed);
                } else {
                    out.append(word);
                }
                i = end;
                continue;
            }
            if (Texts.isHan(c) && !han.isEmpty() && !han.contains(c) && !kept.contains(c)) {
                Optional<Character> h = homophone.computeIfAbsent(c, this::homophoneOf);
                if (h.isPresent()) {
                    changed.set(out.length());
                    hanChanged.set(out.length());
                    out.append(h.get().charValue());
                    i++;
                    continue;
                }
            }
            out.append(c);
            i++;
        }
        return new Reading(out.toString(), changed, hanChanged);
    }

    /** The vocabulary word {@code word} was meant to be, or null (it is fine as it is, or nothing is near enough). */
    String correct(String word) {
        if (word.length() < MIN_TARGET - 1 || known.contains(word)) {
            return null;
        }
        String best = null;
        int bestCost = Integer.MAX_VALUE;
        boolean tie = false;
        for (String t : targets) {
            if (t.charAt(0) != word.charAt(0)) {
                continue;
            }
            int max = t.length() >= LONG_WORD && word.length() >= LONG_WORD - 1 ? 2 : 1;
            int d = EditDistance.bounded(word, t, max);
            if (d > max) {
                continue;
            }
            // nearest first; between equally near words, the one of the same length (a swap or a wrong letter)
            int cost = d * 100 + Math.abs(t.length() - word.length());
            if (cost < bestCost) {
                best = t;
                bestCost = cost;
                tie = false;
            } else if (cost == bestCost) {
                tie = true;
            }
        }
        return tie ? null : best;
    }

    private Optional<Character> homophoneOf(char c) {
        String sound = Pinyin.primary(c);
        for (char h : han) {
            if (sound != null && sound.equals(Pinyin.primary(h))) {
                return Optional.of(h);
            }
        }
        return Optional.empty();
    }

    /**
     * A message as read with the tolerance.
     *
     * @param text       the corrected text
     * @param changed    positions in {@code text} that come from a correction
     * @param hanChanged positions in {@code text} where a Han character was replaced by its homophone
     */
    public record Reading(String text, BitSet changed, BitSet hanChanged) {

        /** True when nothing was corrected. */
        public boolean unchanged() {
            return changed.isEmpty();
        }

        /** True when {@code [start, end)} holds a correction. */
        public boolean changedIn(int start, int end) {
            int next = changed.nextSetBit(start);
            return next >= 0 && next < end;
        }

        /**
         * Whether a hit over {@code [start, end)} of {@link #text} may stand: corrected Latin words are always
         * accepted (each was one or two edits from a vocabulary word), a homophone only within a hit of at least
         * {@value #MIN_HAN_SPAN} characters that has no other homophone in it.
         */
        public boolean accepts(int start, int end) {
            int homophones = hanChanged.get(start, end).cardinality();
            return homophones == 0 || (homophones == 1 && end - start >= MIN_HAN_SPAN);
        }
    }
}
