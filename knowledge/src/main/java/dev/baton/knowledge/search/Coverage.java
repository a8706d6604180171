package dev.baton.knowledge.search;

import dev.baton.knowledge.index.IndexFields;
import dev.baton.knowledge.index.KnowledgeAnalyzers;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.util.BytesRef;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.WeakHashMap;

/**
 * The words of a question that the whole knowledge has no word for: "Mars" in "Do you ship to Mars?", 比特币 in
 * 你们支持比特币付款吗. The nearest entry (international shipping, payment methods) may still be the right thing to
 * show, but it does not answer about them, and must not read as a "yes" ({@code docs/knowledge.md}, "Words the
 * knowledge does not know").
 *
 * <p>A word counts as known when the index has it in any entry's questions, answers or categories, after the same
 * analysis as the BM25 search (English: stemmed, stop words removed; Chinese: SmartChinese words, or every bigram of a
 * longer word in the bigram shadow field), or, for an English word of five letters or more, one edit away from an
 * indexed word (a typo: "persn", "myslef"), or from eight letters, an indexed word starting with all but its last
 * three ("internationaly"). Numbers and words with digits (order numbers,
 * amounts) are never counted; nor are English words under three letters, Chinese single characters and the Chinese
 * function words of {@link #ZH_FUNCTION_WORDS} (pronouns and question words, which no answer needs to contain).
 *
 * <p>The check reads only the open index: a dictionary look-up per Chinese word; for English, look-ups of the word
 * (and, when unknown, of its one-edit variants) in the index's English vocabulary, read once per index version (a Lucene
 * {@code FuzzyQuery} per word cost 10-20 ms at the 99th percentile on a busy 2-core machine; this costs microseconds).
 * No embedding, no list of the knowledge's own sentences.
 */
public final class Coverage {

    /**
     * Chinese words that carry the question's form, not its subject: pronouns, question words, modal and degree words.
     * A closed class of the language (not taken from any data file).
     */
    static final Set<String> ZH_FUNCTION_WORDS = Set.of(
            "你们", "我们", "他们", "她们", "咱们", "您好", "你好", "请问", "可以", "能否", "是否", "怎么", "怎样",
            "怎么样", "如何", "什么", "为什么", "为何", "哪里", "哪儿", "哪个", "哪些", "多少", "多久", "几天",
            "一下", "现在", "已经", "还是", "或者", "如果", "这个", "那个", "这些", "那些", "这样", "那样", "有没有",
            "能不能", "可不可以", "是不是", "会不会", "要不要", "支不支持", "一个", "一些", "没有", "不是", "就是",
            "还有", "然后", "因为", "所以", "但是", "而且", "自己", "东西", "时候", "需要", "想要", "知道", "告诉",
            "帮忙", "麻烦", "谢谢", "这里", "那里", "这边", "那边", "那么", "这么", "有人",
            "今天", "明天", "后天", "昨天", "前天", "早上", "上午", "中午", "下午", "晚上", "半夜", "凌晨", "月底",
            "月初", "周末", "平时", "刚才", "马上", "以后", "之前", "之后", "以前", "之间", "一种", "一次", "两天",
            "三天", "几次", "每次", "每天", "每个月");

    /**
     * English words that carry the question's form: pronouns, auxiliaries, prepositions, determiners, quantifiers,
     * number words and the like (a closed class of the language, not taken from any data file). Compared before
     * stemming, lower case.
     */
    static final Set<String> EN_FUNCTION_WORDS = Set.of(
            "about", "above", "after", "again", "against", "all", "also", "am", "any", "anyone", "anything", "anyway",
            "around", "because", "been", "before", "being", "below", "between", "both", "can", "cannot", "could", "did",
            "does", "doing", "done", "down", "during", "each", "either", "else", "ever", "every", "everything", "few",
            "from", "get", "got", "had", "has", "have", "having", "he", "her", "here", "hers", "him", "his", "how",
            "however", "just", "like", "may", "maybe", "me", "might", "mine", "more", "most", "much", "must", "my",
            "myself", "need", "neither", "never", "nothing", "now", "off", "once", "one", "only", "other", "our",
            "ours", "out", "over", "own", "please", "pls", "plz", "same", "she", "should", "since", "so", "some",
            "someone", "something", "still", "than", "thank", "thanks", "them", "themselves", "these", "thing",
            "things", "those", "though", "through", "too", "two", "three", "four", "five", "ten", "under", "until",
            "up", "upon", "us", "very", "want", "was", "we", "were", "what", "when", "where", "whether", "which",
            "while", "who", "whom", "whose", "why", "with", "within", "without", "would", "yes", "yet", "you", "your",
            "yours", "yourself", "yourselves", "u", "ur", "ya", "guys", "hi", "hello", "hey", "ok", "okay", "really",
            "actually", "currently", "already", "able", "way", "ways", "kind", "sort", "sorts", "lot", "lots",
            "today", "tomorrow", "yesterday", "tonight", "week", "weeks", "month", "months", "year", "years", "day",
            "days", "time", "times", "hour", "hours", "minute", "minutes", "next", "last", "first", "new", "old",
            "good", "bad", "big", "small", "many", "little", "less", "least", "sure", "know", "tell", "let", "make",
            "made", "go", "going", "goes", "went", "come", "coming", "take", "use", "using", "used", "possible",
            "supposed", "happen", "happens", "instead", "even", "exactly", "right", "well", "there", "their",
            "theirs", "they", "it", "its", "itself", "i", "im", "ive", "id", "ill", "dont", "cant", "wont", "isnt",
            "arent", "doesnt", "didnt", "anybody", "somebody", "everybody", "nobody", "somewhere", "anywhere", "help", "try", "guy", "stuff");

    private static final java.util.regex.Pattern EN_CLOSED_QUESTION = java.util.regex.Pattern.compile(
            "^(?:(?:hi|hello|hey|ok|okay|so|and|but|also|quick question)[,!.\\s]+)*"
            + "(?:do|does|did|can|could|will|would|is|are|may|might|should|shall)\\s+"
            + "(?:you|u|ya|i|we|they|it|there|your|this|that|he|she|my|our|the|a|an|any|someone|anyone)\\b",
            java.util.regex.Pattern.CASE_INSENSITIVE);

    /** Where a new clause starts: punctuation, a subordinator or conjunction, or a new subject. */
    private static final java.util.regex.Pattern EN_CLAUSE_BOUNDARY = java.util.regex.Pattern.compile(
            "[,;.!?()]|\\b(?:i|i'm|im|i've|i'd|we|he|she|they|that|which|who|whom|whose|because|since|when|if|while|"
            + "although|though|but|and|or|so|as|after|before|until|unless|where|whether)\\b"
            // an infinitive with an object of its own: "… myself to skip the delivery fee" (not "ship to Mars")
            + "|\\bto\\s+[a-z]+\\s+(?:the|a|an|my|your|our|this|that|these|those|it|them|some|any|me|us)\\b",
            java.util.regex.Pattern.CASE_INSENSITIVE);

    /** 吗/么 at the end, an A-不-A or A-没-A form (支不支持, 能不能, 有没有), or 是否. */
    private static final java.util.regex.Pattern ZH_CLOSED_QUESTION = java.util.regex.Pattern.compile(
            "(?:[吗嘛么][\\s?？!！。.~～]*$)|(\\p{IsHan})[不没]\\1|是否");

    private static final Analyzer ENGLISH = KnowledgeAnalyzers.english();
    private static final Analyzer CHINESE = KnowledgeAnalyzers.chinese();
    private static final Analyzer BIGRAMS = KnowledgeAnalyzers.cjkBigrams();

    private Coverage() {
    }

    /**
     * True for a question that asks whether something is so ("Do you ship to …?", "Can I pay with …?",
     * 支持…吗, 能不能…, 有没有…): the kind whose nearest answer reads as a "yes" about a thing it never names.
     */
    public static boolean closedQuestion(String text) {
        String t = text.strip();
        return EN_CLOSED_QUESTION.matcher(t).find() || ZH_CLOSED_QUESTION.matcher(t).find();
    }

    /**
     * For a {@linkplain #closedQuestion closed question}, the words of {@code query} (as the customer wrote them, in
     * their order, each once) that no entry of the index contains; empty when every word is known, or for any other
     * kind of question (an open question's answer is about its topic in general, and fine without the caveat).
     */
    public static List<String> uncovered(IndexSearcher searcher, String query) throws IOException {
        if (query == null || query.isBlank() || !closedQuestion(query)) {
            return List.of();
        }
        IndexReader reader = searcher.getIndexReader();
        Set<String> out = new LinkedHashSet<>();
        java.util.regex.Matcher closed = EN_CLOSED_QUESTION.matcher(query.strip());
        int verbFrom = closed.find() ? query.indexOf(query.strip()) + closed.end() : Integer.MAX_VALUE;
        boolean verbSeen = false;
        int clauseEnd = Integer.MAX_VALUE;
        for (Word w : words(ENGLISH, query)) {
            if (w.start >= clauseEnd) {
                break; // "… an item I bought 3 days ago": what follows the question's own clause is context
            }
            String plain = w.surface.toLowerCase(java.util.Locale.ROOT).replace("'", "").replace("\u2019", "");
            if (EN_FUNCTION_WORDS.contains(plain)) {
                continue;
            }
            if (!verbSeen && w.start >= verbFrom) {
                verbSeen = true; // the main verb of "do you ship …", "can you unlock …": the asking, not the thing asked
                java.util.regex.Matcher boundary = EN_CLAUSE_BOUNDARY.matcher(query);
                clauseEnd = boundary.find(w.end) ? boundary.start() : Integer.MAX_VALUE;
                continue;
            }
            if (verbForm(plain)) {
                continue; // "moving", "blocked": the action around the thing, not the thing
            }
            if (w.term.length() >= 3 && !hasDigit(w.term) && !knownEnglish(reader, w.term)) {
                out.add(w.surface);
            }
        }
        int[] clause = chineseQuestionClause(query);
        for (Word w : joinSingleCharacters(words(CHINESE, query), query)) {
            if (w.start < clause[0] || w.end > clause[1]) {
                continue; // "别转人工，就问下…能不能预约": only the clause that asks counts
            }
            if (isHan(w.term) && w.term.length() >= 2 && !ZH_FUNCTION_WORDS.contains(w.term)) {
                out.addAll(unknownChinese(reader, w));
            }
        }
        return List.copyOf(out);
    }

    private static boolean knownEnglish(IndexReader reader, String term) throws IOException {
        NavigableSet<String> vocabulary = englishVocabulary(reader);
        if (vocabulary.contains(term)) {
            return true;
        }
        if (term.length() < 5) {
            return false;
        }
        if (oneEditAway(term, vocabulary)) {
            return true;
        }
        // a long word misspelt near its end stems differently ("internationaly" → internationali, the knowledge's
        // "internationally" → internation): its beginning is known
        if (term.length() >= 8) {
            String prefix = term.substring(0, term.length() - 3);
            String next = vocabulary.ceiling(prefix);
            return next != null && next.startsWith(prefix);
        }
        return false;
    }

    /** Whether one deletion, insertion, substitution or swap of neighbours turns {@code term} into a known word. */
    private static boolean oneEditAway(String term, Set<String> vocabulary) {
        StringBuilder b = new StringBuilder(term.length() + 1);
        for (int i = 0; i <= term.length(); i++) {
            if (i < term.length()) {
                b.setLength(0);
                if (vocabulary.contains(b.append(term, 0, i).append(term, i + 1, term.length()).toString())) {
                    return true; // deletion
                }
                if (i + 1 < term.length()) {
                    b.setLength(0);
                    b.append(term, 0, i).append(term.charAt(i + 1)).append(term.charAt(i)).append(term, i + 2,
                            term.length());
                    if (vocabulary.contains(b.toString())) {
                        return true; // swap
                    }
                }
            }
            for (char c = 'a'; c <= 'z'; c++) {
                b.setLength(0);
                if (vocabulary.contains(b.append(term, 0, i).append(c).append(term, i, term.length()).toString())) {
                    return true; // insertion
                }
                if (i < term.length() && c != term.charAt(i)) {
                    b.setLength(0);
                    if (vocabulary.contains(b.append(term, 0, i).append(c).append(term, i + 1, term.length())
                            .toString())) {
                        return true; // substitution
                    }
                }
            }
        }
        return false;
    }

    /** The English words (stemmed) of the index's questions, answers and categories, read once per index version. */
    private static final Map<IndexReader.CacheKey, NavigableSet<String>> VOCABULARY =
            Collections.synchronizedMap(new WeakHashMap<>());

    private static NavigableSet<String> englishVocabulary(IndexReader reader) throws IOException {
        IndexReader.CacheHelper helper = reader.getReaderCacheHelper();
        if (helper == null) {
            return readVocabulary(reader);
        }
        NavigableSet<String> known = VOCABULARY.get(helper.getKey());
        if (known == null) {
            known = readVocabulary(reader);
            VOCABULARY.put(helper.getKey(), known);
        }
        return known;
    }

    private static NavigableSet<String> readVocabulary(IndexReader reader) throws IOException {
        NavigableSet<String> words = new TreeSet<>();
        for (String base : List.of(IndexFields.QUESTION, IndexFields.BODY, IndexFields.CATEGORY)) {
            Terms terms = MultiTerms.getTerms(reader, base + IndexFields.EN);
            if (terms == null) {
                continue;
            }
            TermsEnum it = terms.iterator();
            for (BytesRef t = it.next(); t != null; t = it.next()) {
                words.add(t.utf8ToString());
            }
        }
        return Collections.unmodifiableNavigableSet(words);
    }

    /**
     * The unknown parts of a Chinese word: none when the index has the word itself; otherwise its runs of two or more
     * characters that no known bigram of the word covers (a word the segmenter cut differently in the knowledge is
     * known through its bigrams; in 比特币 no bigram is known, in 花呗长 only 长 is left, too short to name a thing).
     */
    private static List<String> unknownChinese(IndexReader reader, Word w) throws IOException {
        for (String base : List.of(IndexFields.QUESTION, IndexFields.BODY, IndexFields.CATEGORY)) {
            if (reader.docFreq(new Term(base + IndexFields.ZH, w.term)) > 0) {
                return List.of();
            }
        }
        String s = w.surface;
        boolean[] covered = new boolean[s.length()];
        for (int i = 0; i + 1 < s.length(); i++) {
            String bigram = s.substring(i, i + 2).toLowerCase(java.util.Locale.ROOT);
            if (reader.docFreq(new Term(IndexFields.QUESTION + IndexFields.CJK, bigram)) > 0
                    || reader.docFreq(new Term(IndexFields.BODY + IndexFields.CJK, bigram)) > 0) {
                covered[i] = true;
                covered[i + 1] = true;
            }
        }
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            int j = i;
            while (j < s.length() && !covered[j]) {
                j++;
            }
            if (j - i >= 2 && !ZH_FUNCTION_WORDS.contains(s.substring(i, j))) {
                out.add(s.substring(i, j));
            }
            i = j + 1;
        }
        return out;
    }

    private record Word(String term, String surface, int start, int end) {
    }

    /** Characters that are words of their own in a question's frame (negation, particles, pronouns, prepositions). */
    private static final String ZH_FUNCTION_CHARS = "不没别吗呢吧啊呀哦哈嘛么的了是有在我你您他她它们和与或也都就还又再才只先很太能会要想用给把被让对从到向跟这那哪谁啥几个请问";

    /**
     * Runs of adjacent single characters the segmenter could not group (比/特/币) become one word (比特币), split at
     * {@link #ZH_FUNCTION_CHARS}.
     */
    private static List<Word> joinSingleCharacters(List<Word> words, String text) {
        List<Word> out = new ArrayList<>();
        int i = 0;
        while (i < words.size()) {
            Word w = words.get(i);
            int j = i;
            while (j + 1 < words.size() && joinable(words.get(j)) && joinable(words.get(j + 1))
                    && words.get(j + 1).start == words.get(j).end) {
                j++;
            }
            if (j > i) {
                int end = words.get(j).end;
                String surface = text.substring(w.start, end);
                out.add(new Word(surface.toLowerCase(java.util.Locale.ROOT), surface, w.start, end));
            } else {
                out.add(w);
            }
            i = j + 1;
        }
        return out;
    }

    private static boolean joinable(Word w) {
        return w.term.length() == 1 && isHan(w.term) && ZH_FUNCTION_CHARS.indexOf(w.term.charAt(0)) < 0;
    }

    private static List<Word> words(Analyzer analyzer, String text) throws IOException {
        List<Word> out = new ArrayList<>();
        try (TokenStream ts = analyzer.tokenStream("f", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                int s = Math.max(0, Math.min(offset.startOffset(), text.length()));
                int e = Math.max(s, Math.min(offset.endOffset(), text.length()));
                out.add(new Word(term.toString(), text.substring(s, e), s, e));
            }
            ts.end();
        }
        return out;
    }

    /**
     * The start and end of the clause of {@code text} that holds the Chinese yes/no form (吗, A-不-A, 是否); the whole
     * text when none does.
     */
    private static int[] chineseQuestionClause(String text) {
        java.util.regex.Matcher m = ZH_CLOSED_QUESTION.matcher(text);
        if (!m.find()) {
            return new int[] {0, text.length()};
        }
        int start = m.start();
        while (start > 0 && "，,。；;！!？?\n".indexOf(text.charAt(start - 1)) < 0) {
            start--;
        }
        int end = m.end();
        while (end < text.length() && "，,。；;！!？?\n".indexOf(text.charAt(end)) < 0) {
            end++;
        }
        return new int[] {start, end};
    }

    private static boolean verbForm(String word) {
        return word.length() >= 6 && (word.endsWith("ing") || word.endsWith("ed"));
    }

    private static boolean hasDigit(String s) {
        return s.chars().anyMatch(Character::isDigit);
    }

    private static boolean isHan(String s) {
        return !s.isEmpty() && s.codePoints().allMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN);
    }
}
