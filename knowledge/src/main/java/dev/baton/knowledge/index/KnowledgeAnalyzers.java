package dev.baton.knowledge.index;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.cjk.CJKWidthFilter;
import org.apache.lucene.analysis.cn.smart.HMMChineseTokenizer;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.core.TypeTokenFilter;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.standard.StandardTokenizer;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The three analysis chains, each a visible composition of tokenizer and filters. Every text is indexed in all
 * three shadow fields ({@code _zh}, {@code _cjk}, {@code _en}):
 * <ul>
 *   <li><b>zh</b>: {@link HMMChineseTokenizer} (SmartChinese word segmentation) → lower case → SmartChinese stop set
 *       (punctuation). No stemming: English is handled by the {@code en} chain.</li>
 *   <li><b>cjk</b>: {@link StandardTokenizer} (one token per Han character) → width folding → lower case →
 *       {@link CJKBigramFilter}: overlapping bigrams catch product names and words the segmenter does not know.</li>
 *   <li><b>en</b>: {@link StandardTokenizer} → drop CJK tokens → possessive → lower case → English stop words →
 *       Porter stemming.</li>
 * </ul>
 */
public final class KnowledgeAnalyzers {

    private static final Set<String> CJK_TYPES = Set.of(
            StandardTokenizer.TOKEN_TYPES[StandardTokenizer.IDEOGRAPHIC],
            StandardTokenizer.TOKEN_TYPES[StandardTokenizer.HIRAGANA],
            StandardTokenizer.TOKEN_TYPES[StandardTokenizer.KATAKANA],
            StandardTokenizer.TOKEN_TYPES[StandardTokenizer.HANGUL]);

    private KnowledgeAnalyzers() {
    }

    /** SmartChinese word segmentation. */
    public static Analyzer chinese() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer source = new HMMChineseTokenizer();
                TokenStream result = new LowerCaseFilter(source);
                result = new StopFilter(result, SmartChineseAnalyzer.getDefaultStopSet());
                return new TokenStreamComponents(source, result);
            }
        };
    }

    /** Overlapping CJK bigrams (the shadow field for unknown words). */
    public static Analyzer cjkBigrams() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer source = new StandardTokenizer();
                TokenStream result = new CJKWidthFilter(source);
                result = new LowerCaseFilter(result);
                result = new CJKBigramFilter(result);
                return new TokenStreamComponents(source, result);
            }
        };
    }

    /** English words, stemmed; CJK characters are left to the other chains. */
    public static Analyzer english() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer source = new StandardTokenizer();
                TokenStream result = new TypeTokenFilter(source, CJK_TYPES);
                result = new EnglishPossessiveFilter(result);
                result = new LowerCaseFilter(result);
                result = new StopFilter(result, EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
                result = new PorterStemFilter(result);
                return new TokenStreamComponents(source, result);
            }
        };
    }

    /** Routes each field to its chain by suffix; other fields get {@link StandardAnalyzer}. */
    public static Analyzer perField() {
        Analyzer zh = chinese();
        Analyzer cjk = cjkBigrams();
        Analyzer en = english();
        Map<String, Analyzer> map = new HashMap<>();
        for (String base : IndexFields.TEXT_BASES) {
            map.put(base + IndexFields.ZH, zh);
            map.put(base + IndexFields.CJK, cjk);
            map.put(base + IndexFields.EN, en);
        }
        return new PerFieldAnalyzerWrapper(new StandardAnalyzer(), map);
    }
}
