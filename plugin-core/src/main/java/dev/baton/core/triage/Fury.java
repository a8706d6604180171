package dev.baton.core.triage;

import dev.baton.core.conversation.TriageSignals;
import dev.baton.text.Texts;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells a furious message from a merely negative one: one strongly angry message should reach a person at once
 * (handoff rule {@code negative-sentiment.furious}), while an ordinary complaint waits for a second negative turn.
 * Furious = negative sentiment (score at most {@value #MAX_SCORE}) said with intensity, at least
 * {@value #MIN_MARKERS} of: shouting (several words in capitals), a burst of "!!" / "?!" / "！！", an angry emoji,
 * and insults or profanity (each distinct one counts, at most two). The words are customer-service anger in
 * Chinese and English, written for Baton. Stateless.
 */
final class Fury {

    /** A message must be at least this negative to be furious. */
    static final double MAX_SCORE = -0.5;
    /** How many intensity markers make a negative message furious. */
    static final int MIN_MARKERS = 2;

    private static final Pattern BURST = Pattern.compile("[!！]{2,}|[?？][!！]|[!！][?？]|[?？]{3,}");
    private static final Pattern ANGRY_EMOJI = Pattern.compile("😡|🤬|😠|👿|💢|😤|🖕");
    private static final Pattern CAPS_WORD = Pattern.compile("\\b[A-Z]{2,}\\b");
    private static final Pattern WORD = Pattern.compile("\\b[A-Za-z]{2,}\\b");
    private static final List<Pattern> INSULTS = List.of(
            Pattern.compile("\\b(garbage|trash|rubbish|crap|crappy|shit|shitty|bullshit|wtf|damn|goddamn|f+u+c+k\\w*|"
                    + "pathetic|disgusting|ridiculous|outrageous|unacceptable|scam|scammers?|thieves|liars?|useless|"
                    + "incompetent|worst|terrible|horrible|awful|joke|insane|furious|livid|fed up|sick of)\\b"),
            Pattern.compile("垃圾|气死|坑人|坑爹|骗子|骗人|过分|恶心|破(服务|平台|软件|东西|app)|什么玩意|妈的|tmd|滚|"
                    + "忍无可忍|受够|离谱|差劲|最差|烂透|无耻|黑心|奸商|太坑"));

    private Fury() {
    }

    /** {@code sentiment}, marked furious when the message qualifies. */
    static TriageSignals.Sentiment mark(TriageSignals.Sentiment sentiment, String raw) {
        if (sentiment == null || sentiment.polarity() != TriageSignals.Polarity.NEGATIVE
                || sentiment.score() > MAX_SCORE) {
            return sentiment;
        }
        return sentiment.withFurious(markers(raw) >= MIN_MARKERS);
    }

    /** The intensity markers of a message (see the class comment). */
    static int markers(String raw) {
        int markers = 0;
        if (shouts(raw)) {
            markers++;
        }
        if (BURST.matcher(raw).find()) {
            markers++;
        }
        if (ANGRY_EMOJI.matcher(raw).find()) {
            markers++;
        }
        String norm = Texts.normalise(raw);
        int insults = 0;
        for (Pattern p : INSULTS) {
            Matcher m = p.matcher(norm);
            java.util.Set<String> seen = new java.util.HashSet<>();
            while (m.find()) {
                seen.add(m.group());
            }
            insults += seen.size();
        }
        return markers + Math.min(2, insults);
    }

    /** Three words in capitals ("ARE YOU KIDDING ME", not "USD via ATM"), or a short message all in capitals. */
    private static boolean shouts(String raw) {
        int caps = count(CAPS_WORD, raw);
        int words = count(WORD, raw);
        return caps >= 3 || (caps >= 2 && caps == words);
    }

    private static int count(Pattern p, String s) {
        Matcher m = p.matcher(s);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
