package dev.baton.knowledge;

import dev.baton.knowledge.result.SearchResult;
import dev.baton.knowledge.search.Coverage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A yes/no question about something the knowledge never names ("Do you ship to Mars?") still finds the closest entry,
 * and the result says which words the knowledge lacks, so that the answer is not given as a "yes". Questions whose
 * words the knowledge has, typos of its words, and open questions carry no such words. Knowledge written by the test.
 */
class CoverageTest {

    static final String FAQ = """
            id,question,answer,similar
            en-ship,Do you ship internationally?,Yes. We ship to Hong Kong, Macao, Taiwan and more than 40 countries; enter your address at checkout to see the cost.,do you deliver abroad|can you send my order overseas
            en-pay,Which payment methods do you accept?,We accept WeChat Pay, Alipay, UnionPay and Visa or Mastercard cards.,how can I pay|what cards do you take
            en-return,How do I return an item?,Open My orders and choose Return within 30 days.,can I send something back|what is the return policy
            zh-pay,支持哪些付款方式？,支持微信支付、支付宝、银联卡和 Visa、Mastercard 信用卡。,怎么付款|可以用信用卡吗
            zh-ship,可以寄到国外吗？,可以，我们寄往港澳台和 40 多个国家和地区，结算时输入地址即可看到运费。,能不能发海外|国外能收到吗
            zh-return,怎么退货？,在“我的订单”里申请售后即可退货。,买的东西不想要了怎么退|收到的商品可以退回吗
            """;

    @TempDir
    static Path tmp;

    static KnowledgeBase kb;

    @BeforeAll
    static void open() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("kb"));
        // CSV fields with commas are quoted
        Files.writeString(dir.resolve("faq.csv"), FAQ.lines().map(CoverageTest::quoteAnswer)
                .reduce("", (a, b) -> a + b + "\n"));
        kb = KnowledgeBase.open(KnowledgeConfig.defaults(dir, tmp.resolve("index")).withWatch(false),
                Fixtures.embedders());
        kb.sync();
    }

    private static String quoteAnswer(String line) {
        if (line.startsWith("id,")) {
            return line;
        }
        int first = line.indexOf(',');
        int second = line.indexOf(',', first + 1);
        int last = line.lastIndexOf(',');
        return line.substring(0, second + 1) + "\"" + line.substring(second + 1, last) + "\"" + line.substring(last);
    }

    @AfterAll
    static void close() {
        kb.close();
    }

    @ParameterizedTest(name = "{0} → {1}, lacking {2}")
    @CsvSource(delimiter = '|', value = {
            "Do you ship to Mars?|en-ship|Mars",
            "Do you accept bitcoin?|en-pay|bitcoin",
            "Can I pay with PayPal?|en-pay|PayPal",
            "你们支持比特币付款吗|zh-pay|比特币",
    })
    void should_name_the_words_the_knowledge_lacks_when_a_yes_no_question_asks_about_them(String question,
                                                                                         String entry, String lacking) {
        SearchResult r = kb.search(question, 3);

        assertThat(r.confident()).as("the closest entry is still shown").isTrue();
        assertThat(r.best().orElseThrow().id()).isEqualTo(entry);
        assertThat(r.uncovered()).containsExactly(lacking);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Do you ship to Hong Kong?",        // in the answer
            "Can I pay with Alipay?",
            "Do you ship internationaly?",      // a typo of a word the knowledge has
            "Can I return an item I bought 3 days ago?", // a number is never a thing the knowledge lacks
            "可以用支付宝付款吗",
            "能不能寄到国外",
            "can I pay by card myself to skip the return fee", // "skip": an infinitive's verb, not a thing
            "别转人工，就问下怎么退货能不能用支付宝",              // 别转: outside the clause that asks
    })
    void should_lack_nothing_when_the_knowledge_names_every_word(String question) {
        assertThat(kb.search(question, 3).uncovered()).as(question).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"How much does shipping to Mars cost?", "bitcoin payment"})
    void should_not_check_questions_that_do_not_ask_whether_something_is_so(String question) {
        assertThat(Coverage.closedQuestion(question)).isFalse();
        assertThat(kb.search(question, 3).uncovered()).isEmpty();
    }
}
