package dev.baton.knowledge.index;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class KnowledgeAnalyzersTest {

    static List<String> tokens(Analyzer analyzer, String text) throws IOException {
        List<String> out = new ArrayList<>();
        try (TokenStream ts = analyzer.tokenStream("f", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                assertThat(offset.startOffset()).isBetween(0, text.length());
                assertThat(offset.endOffset()).isBetween(offset.startOffset(), text.length());
                out.add(term.toString());
            }
            ts.end();
        }
        return out;
    }

    @Test
    void should_segment_chinese_words_when_using_the_smartcn_chain() throws IOException {
        assertThat(tokens(KnowledgeAnalyzers.chinese(), "花呗怎么还款")).containsExactly("花", "呗", "怎么", "还款");
        assertThat(tokens(KnowledgeAnalyzers.chinese(), "我想退货，谢谢！")).containsExactly("我", "想", "退货", "谢谢");
    }

    @Test
    void should_emit_overlapping_bigrams_when_using_the_cjk_chain() throws IOException {
        assertThat(tokens(KnowledgeAnalyzers.cjkBigrams(), "花呗怎么还款")).containsExactly("花呗", "呗怎", "怎么", "么还", "还款");
    }

    @Test
    void should_stem_english_and_drop_stop_words_when_using_the_english_chain() throws IOException {
        assertThat(tokens(KnowledgeAnalyzers.english(), "The customer's orders are shipping"))
                .containsExactly("custom", "order", "ship");
    }

    @Test
    void should_route_words_to_each_chain_when_text_mixes_chinese_and_english() throws IOException {
        String mixed = "X200耳机 iPhone 充电 charging";

        assertThat(tokens(KnowledgeAnalyzers.chinese(), mixed)).contains("耳机", "iphone", "充电", "charging");
        assertThat(tokens(KnowledgeAnalyzers.cjkBigrams(), mixed)).containsExactly("x200", "耳机", "iphone", "充电", "charging");
        assertThat(tokens(KnowledgeAnalyzers.english(), mixed)).containsExactly("x200", "iphon", "charg");
    }

    @Test
    void should_not_fail_when_given_random_text() throws IOException {
        Random random = new Random(42);
        List<Analyzer> analyzers = List.of(KnowledgeAnalyzers.chinese(), KnowledgeAnalyzers.cjkBigrams(),
                KnowledgeAnalyzers.english(), KnowledgeAnalyzers.perField());
        for (int i = 0; i < 300; i++) {
            StringBuilder sb = new StringBuilder();
            int len = random.nextInt(40);
            for (int j = 0; j < len; j++) {
                int pick = random.nextInt(4);
                sb.appendCodePoint(switch (pick) {
                    case 0 -> 0x4E00 + random.nextInt(0x5000);
                    case 1 -> 'a' + random.nextInt(26);
                    case 2 -> " ，。？!?\n\t".charAt(random.nextInt(8));
                    default -> random.nextInt(0x3000) + 1;
                });
            }
            for (Analyzer a : analyzers) {
                tokens(a, sb.toString());
            }
        }
    }
}
