package dev.baton.core.triage;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.core.conversation.SmallTalkKind;
import dev.baton.text.Texts;
import dev.baton.text.TypoTolerance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells small talk ("hi", "在吗", "thanks!", "好的", 👍, "are you a bot?", "bye") from messages that ask something, by
 * what is left of a message when its small-talk units are taken away: a message is small talk when every clause of it
 * is made of units of {@code baton/triage/small-talk.yaml} (greetings, thanks, acknowledgements, goodbyes, questions
 * about the bot, chit-chat), fillers ("so", "呀", "亲") and emoji, and nothing else. "hi, where is my order?" is not
 * small talk: its second clause asks something, and that clause alone ({@link Reading#content()}) is what the
 * knowledge is searched with. A clause-level rule, not a list of whole messages, so "ok thanks bye 😊" and
 * "好嘞谢谢" are read without being listed. A clause that holds a chit-chat or identity unit may also be framed by
 * request words ("i want to know …", "我想知道…"), which are taken away only there.
 *
 * <p>English units match as whole words, with runs of three or more equal letters read as two ("hiiii") and a word one
 * typo away from a unit's word read as that word ({@link TypoTolerance}: "thnaks"). An emoji-only message is an
 * acknowledgement unless an emoji in it is an unhappy one (then it is not small talk: triage's sentiment reads it).
 * Immutable and thread-safe; {@link #defaults()} is built once.
 */
public final class SmallTalk {

    /** Where the built-in units live on the class path. */
    public static final String RESOURCE = "baton/triage/small-talk.yaml";

    /** Kinds in the order their units are taken away and, for a message with several, the one that answers. */
    private static final List<SmallTalkKind> ORDER = List.of(SmallTalkKind.IDENTITY, SmallTalkKind.CHITCHAT,
            SmallTalkKind.GOODBYE, SmallTalkKind.THANKS, SmallTalkKind.PRESENCE, SmallTalkKind.GREETING,
            SmallTalkKind.ACKNOWLEDGEMENT);
    private static final Pattern CLAUSE_END = Pattern.compile("[,.!?;:，。！？；：、~～…\\n]+");
    private static final Pattern REPEATS = Pattern.compile("([a-z])\\1{2,}");
    private static final Pattern EMOTICON = Pattern.compile(
            "(?<![a-z0-9])(?:[:;=][-']?[()dpo/\\\\|*\\]\\[]+|\\^_*\\^|t_t|orz|xd+|<3|>:\\()(?![a-z0-9])|\\[[\\p{IsHan}a-z]{1,6}]");

    private static final class Holder {
        static final SmallTalk DEFAULTS = load();
    }

    /**
     * What a message is.
     *
     * @param kind    the small-talk kind, or null when the message asks something
     * @param content the part of the message that asks something (leading and trailing small-talk clauses left out,
     *                its own punctuation kept), the whole message when there were none; empty for small talk
     */
    public record Reading(SmallTalkKind kind, String content) {

        public boolean isSmallTalk() {
            return kind != null;
        }
    }

    /** The units as bound from the YAML. */
    record Lexicon(Map<String, List<String>> kinds, List<String> fillers, List<String> frames,
                   List<String> negativeEmoji) {

        Lexicon {
            frames = frames == null ? List.of() : frames;
        }
    }

    private final Map<SmallTalkKind, List<Pattern>> units = new LinkedHashMap<>();
    private final List<Pattern> fillers = new ArrayList<>();
    private final List<Pattern> frames = new ArrayList<>();
    private final Set<String> negativeEmoji;
    private final TypoTolerance typos;

    SmallTalk(Lexicon lexicon) {
        List<String> allLatin = new ArrayList<>();
        for (SmallTalkKind kind : ORDER) {
            List<String> all = lexicon.kinds().getOrDefault(kind.code(), List.of());
            // one alternation per kind: the leftmost unit wins, so "is it true you're a real person" is taken whole
            // before its tail "you're a real person" could be
            units.put(kind, List.of(compile(String.join("|", all.stream().map(u -> "(?:" + u + ")").toList()))));
            all.stream().filter(u -> !hasHan(u)).forEach(allLatin::add);
        }
        for (String f : lexicon.fillers()) {
            fillers.add(compile(Pattern.quote(Texts.normalise(f))));
        }
        for (String f : lexicon.frames()) {
            frames.add(compile(Pattern.quote(Texts.normalise(f))));
        }
        this.negativeEmoji = Set.copyOf(lexicon.negativeEmoji());
        this.typos = TypoTolerance.of(List.of(), allLatin, List.of()).latinOnly();
    }

    /** The built-in small talk (Chinese and English). */
    public static SmallTalk defaults() {
        return Holder.DEFAULTS;
    }

    /** Reads one customer message. Never throws; blank text is not small talk (there is nothing to answer). */
    public Reading read(String text) {
        if (text == null || text.isBlank()) {
            return new Reading(null, "");
        }
        EnumSet<SmallTalkKind> found = EnumSet.noneOf(SmallTalkKind.class);
        boolean emoji = false;
        boolean unhappy = false;
        int firstContent = -1;
        int lastContent = -1;
        Matcher ends = CLAUSE_END.matcher(text);
        int start = 0;
        List<int[]> clauses = new ArrayList<>();
        while (ends.find()) {
            clauses.add(new int[]{start, ends.start(), ends.end()});
            start = ends.end();
        }
        clauses.add(new int[]{start, text.length(), text.length()});
        for (int[] c : clauses) {
            Clause clause = clause(text.substring(c[0], c[1]));
            emoji |= clause.emoji;
            unhappy |= clause.unhappy;
            found.addAll(clause.kinds);
            if (clause.content) {
                if (firstContent < 0) {
                    firstContent = c[0];
                }
                lastContent = c[2];
            }
        }
        if (firstContent >= 0) {
            return new Reading(null, text.substring(firstContent, lastContent).strip());
        }
        if (!found.isEmpty()) {
            return new Reading(ORDER.stream().filter(found::contains).findFirst().orElseThrow(), "");
        }
        if (emoji && !unhappy) {
            return new Reading(SmallTalkKind.ACKNOWLEDGEMENT, "");
        }
        return new Reading(null, text.strip());
    }

    private record Clause(boolean content, EnumSet<SmallTalkKind> kinds, boolean emoji, boolean unhappy) {
    }

    private Clause clause(String raw) {
        String norm = REPEATS.matcher(Texts.normalise(raw)).replaceAll("$1$1");
        boolean unhappy = negativeEmoji.stream().anyMatch(norm::contains);
        StringBuilder kept = new StringBuilder(norm.length());
        boolean emoji = false;
        Matcher emoticons = EMOTICON.matcher(norm);
        String withoutEmoticons = emoticons.replaceAll(" ");
        emoji |= !withoutEmoticons.equals(norm);
        for (int i = 0; i < withoutEmoticons.length(); ) {
            int cp = withoutEmoticons.codePointAt(i);
            if (isEmoji(cp)) {
                emoji = true;
                kept.append(' ');
            } else {
                kept.appendCodePoint(cp);
            }
            i += Character.charCount(cp);
        }
        String s = typos.read(kept.toString()).text();
        EnumSet<SmallTalkKind> kinds = EnumSet.noneOf(SmallTalkKind.class);
        for (SmallTalkKind kind : ORDER) {
            for (Pattern p : units.get(kind)) {
                Matcher m = p.matcher(s);
                if (m.find()) {
                    kinds.add(kind);
                    s = m.replaceAll(" ");
                }
            }
        }
        if (!kinds.isEmpty() || emoji) {
            for (Pattern f : fillers) {
                s = f.matcher(s).replaceAll(" ");
            }
        }
        if (kinds.contains(SmallTalkKind.CHITCHAT) || kinds.contains(SmallTalkKind.IDENTITY)) {
            for (Pattern f : frames) {
                s = f.matcher(s).replaceAll(" ");
            }
        }
        boolean content = !Texts.compact(s).isEmpty();
        return new Clause(content, kinds, emoji, unhappy);
    }

    private static boolean isEmoji(int cp) {
        int type = Character.getType(cp);
        return type == Character.OTHER_SYMBOL || type == Character.MODIFIER_SYMBOL
                || cp == 0x200D || (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0x1F3FB && cp <= 0x1F3FF);
    }

    private static boolean hasHan(String s) {
        return s.chars().anyMatch(c -> Texts.isHan((char) c));
    }

    /** A unit never starts or ends inside a Latin word or number ("ok" is not in "book"); Chinese has no such edge. */
    private static Pattern compile(String unit) {
        return Pattern.compile("(?<![a-z0-9'])(?:" + unit + ")(?![a-z0-9'])");
    }

    private static SmallTalk load() {
        try (InputStream in = SmallTalk.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + RESOURCE);
            }
            ObjectMapper yaml = TriageConfig.yamlMapper();
            return new SmallTalk(yaml.readValue(in, Lexicon.class));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
