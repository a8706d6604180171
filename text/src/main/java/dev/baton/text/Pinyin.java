package dev.baton.text;

import net.sourceforge.pinyin4j.PinyinHelper;
import net.sourceforge.pinyin4j.format.HanyuPinyinCaseType;
import net.sourceforge.pinyin4j.format.HanyuPinyinOutputFormat;
import net.sourceforge.pinyin4j.format.HanyuPinyinToneType;
import net.sourceforge.pinyin4j.format.HanyuPinyinVCharType;
import net.sourceforge.pinyin4j.format.exception.BadHanyuPinyinOutputFormatCombination;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The toneless pinyin readings of Han characters (pinyin4j's table, every reading of a polyphone), for homophone
 * tolerance: Chinese customers type with a pinyin input method, so their typos are characters that sound like the
 * intended one (人共 for 人工, 真仁 for 真人), not ones that look like it. Thread-safe; readings are cached per
 * character.
 */
public final class Pinyin {

    private static final HanyuPinyinOutputFormat FORMAT = new HanyuPinyinOutputFormat();
    private static final ConcurrentHashMap<Character, Set<String>> CACHE = new ConcurrentHashMap<>();

    static {
        FORMAT.setToneType(HanyuPinyinToneType.WITHOUT_TONE);
        FORMAT.setCaseType(HanyuPinyinCaseType.LOWERCASE);
        FORMAT.setVCharType(HanyuPinyinVCharType.WITH_V);
    }

    private Pinyin() {
    }

    /** The toneless readings of {@code c} ({@code 行} → xing, hang); empty for a character that is not Han. */
    public static Set<String> readings(char c) {
        if (!Texts.isHan(c)) {
            return Set.of();
        }
        return CACHE.computeIfAbsent(c, Pinyin::lookup);
    }

    /** The usual toneless reading of {@code c} (pinyin4j's first), or null for a character that is not Han. */
    public static String primary(char c) {
        Set<String> all = readings(c);
        return all.isEmpty() ? null : all.iterator().next();
    }

    /** True when the two characters share a toneless reading (and are both Han). */
    public static boolean homophones(char a, char b) {
        if (a == b) {
            return Texts.isHan(a);
        }
        Set<String> ra = readings(a);
        if (ra.isEmpty()) {
            return false;
        }
        for (String r : readings(b)) {
            if (ra.contains(r)) {
                return true;
            }
        }
        return false;
    }

    private static Set<String> lookup(char c) {
        try {
            String[] all = PinyinHelper.toHanyuPinyinStringArray(c, FORMAT);
            if (all == null) {
                return Set.of();
            }
            Set<String> out = new LinkedHashSet<>();
            for (String r : all) {
                out.add(r);
            }
            return Collections.unmodifiableSet(out);
        } catch (BadHanyuPinyinOutputFormatCombination e) {
            throw new IllegalStateException(e);
        }
    }
}
