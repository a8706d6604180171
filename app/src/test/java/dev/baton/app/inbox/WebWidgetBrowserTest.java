package dev.baton.app.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.baton.core.store.RatingRepository;
import dev.baton.core.store.Store;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The web widget as a customer meets it, in Debian's headless chromium: a shop's page on another origin (another
 * port) under a strict Content-Security-Policy embeds {@code widget.js} with one script tag; the customer asks a
 * question (an answer with its source), taps 转人工 (Chinese notices, the queue place), an agent claims and replies
 * through the inbox API (the customer sees the name and the reply live), resolves (the rating card; the rating is
 * stored), the page reloads (the history is still there), and a page on an origin that is not allowed gets no widget
 * and no answer. Screenshots go to {@code target/screenshots/web-*.png} (the ones in docs/web/ come from here).
 */
class WebWidgetBrowserTest {

    @TempDir
    static Path dir;
    static TestBaton baton;
    static ShopPage shop;
    static WebDriver browser;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Files.isExecutable(InboxBrowserTest.CHROMIUM) && Files.isExecutable(InboxBrowserTest.CHROMEDRIVER),
                "needs /usr/bin/chromium and /usr/bin/chromedriver");
        shop = ShopPage.start();
        Files.createDirectories(dir.resolve("knowledge"));
        Files.writeString(dir.resolve("knowledge").resolve("退货.md"), """
                # 退货与退款

                ## 怎么退货？

                收到商品后 7 天内可以退货：打开"我的订单"，选择订单，点"申请退货"。

                ## 退款多久到账？

                我们收到退货后 3 到 5 个工作日内原路退款。
                """);
        String channels = "  web:\n    allowed-origins: [\"" + shop.origin() + "\"]\n"
                + "    title: { zh: 好物商城客服, en: Shop support }\n";
        baton = TestBaton.start(dir, Map.of("CHANNELS", channels));
        shop.serve(baton.base(), "zh");
        browser = shop.browser;
    }

    @AfterAll
    static void stop() {
        if (shop != null) {
            shop.close();
        }
        if (baton != null) {
            baton.close();
        }
    }

    @Test
    void should_serve_a_customer_from_question_to_rating_on_another_site() throws Exception {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        browser.get(shop.origin() + "/");
        wait.until(d -> widget() != null);
        shot("web-01-launcher");
        assertThat(shop.problems()).as("the page's console: no CSP violation, no error").isEmpty();
        JavascriptExecutor js = (JavascriptExecutor) browser;
        js.executeScript("window.seen = []; Baton.on('message', function (m) { seen.push(m.author + ': ' + m.text); });"
                + "Baton.on('state', function (s) { seen.push('state ' + s.state); });"
                + "Baton.on('rating', function () { seen.push('rating asked'); });");

        find(".launcher").click();
        wait.until(d -> find(".panel").isDisplayed());
        assertThat(find(".head .title").getText()).isEqualTo("好物商城客服");
        assertThat(find(".human").getText()).isEqualTo("转人工");
        assertThat(find(".human").getCssValue("font-size")).as("the host page's button rule stays outside")
                .isEqualTo("13px");
        find("textarea").sendKeys("怎么退货？");
        find(".send").click();
        wait.until(d -> last(".msg.bot") != null);
        assertThat(last(".msg.bot").getText()).contains("7 天").contains("退货").contains("来源");
        shot("web-02-answer-with-source");
        // the host page's own call: send() resolves once the message is stored
        Object stored = js.executeAsyncScript("var done = arguments[0];"
                + "Baton.send('退款多久到账？').then(function (r) { done(r.inboundId > 0 && !r.duplicate); });");
        assertThat(stored).isEqualTo(Boolean.TRUE);
        wait.until(d -> last(".msg.bot").getText().contains("3 到 5 个工作日"));

        find(".human").click();
        wait.until(d -> find(".banner").isDisplayed() && find(".banner").getText().contains("人工"));
        wait.until(d -> text(".log").contains("排队") || text(".log").contains("人工"));
        assertThat(find(".human").isDisplayed()).as("the button stays in view").isTrue();
        shot("web-03-queued");

        JsonNode item = waitForQueueItem(wait);
        long ticket = item.path("id").asLong();
        long conv = item.path("conversationId").asLong();
        TestBaton.Client bob = baton.login("bob");
        assertThat(bob.postJson("/api/tickets/" + ticket + "/claim", Map.of()).status()).isEqualTo(200);
        wait.until(d -> find(".banner").getText().contains("bob"));
        // bob starts typing in the inbox's reply box (another tab): the customer sees who is typing
        String shopTab = browser.getWindowHandle();
        browser.switchTo().newWindow(org.openqa.selenium.WindowType.TAB);
        InboxBrowserTest.signIn(browser, baton.base(), "bob");
        wait.until(d -> d.getCurrentUrl().endsWith("/inbox"));
        browser.get(baton.base() + "/inbox/conversations/" + conv);
        wait.until(d -> "HUMAN".equals(d.findElement(By.id("state")).getAttribute("data-state")));
        browser.findElement(By.id("reply-text")).sendKeys("您好，我是客服小林");
        browser.switchTo().window(shopTab);
        wait.until(d -> find(".typing").isDisplayed() && find(".typing").getText().equals("客服 bob 正在输入…"));
        shot("web-04a-agent-typing");
        assertThat(bob.postJson("/api/conversations/" + conv + "/reply", Map.of("text", "您好，我是客服小林，"
                + "已为您登记退货，快递员明天上门取件。")).status()).isEqualTo(202);
        wait.until(d -> text(".log").contains("快递员明天上门取件"));
        assertThat(last(".msg.agent").getText()).contains("bob");
        assertThat(find(".typing").isDisplayed()).as("the reply ends the typing notice").isFalse();
        shot("web-04-agent-replies-live");

        assertThat(bob.postJson("/api/conversations/" + conv + "/resolve", Map.of("note", "退货已登记")).status())
                .isEqualTo(200);
        wait.until(d -> find(".card.rating") != null);
        assertThat(text(".log")).as("Baton's request, above the stars").contains("请为本次人工服务打分");
        shot("web-05-rating-offered");
        find(".card.rating .stars button[data-score='5']").click();
        find(".card.rating textarea").sendKeys("很快，谢谢");
        find(".card.rating .go").click();
        wait.until(d -> text(".card.rating").contains("您的评价：★★★★★"));
        wait.until(d -> text(".log").contains("感谢您的评价！"));
        shot("web-06-rated");
        Store store = baton.runtime.engine().store();
        List<RatingRepository.Row> ratings = store.db().withConnection(c -> store.ratings().forConversation(c, conv));
        assertThat(ratings).singleElement().satisfies(r -> {
            assertThat(r.score()).isEqualTo(5);
            assertThat(r.comment()).isEqualTo("很快，谢谢");
            assertThat(r.ticketId()).isEqualTo(ticket);
        });

        assertThat(js.executeScript("return seen;")).asString().contains("customer: 退款多久到账？",
                "state QUEUED", "state HUMAN", "agent: 您好，我是客服小林", "rating asked");

        browser.navigate().refresh();
        wait.until(d -> widget() != null);
        find(".launcher").click();
        wait.until(d -> text(".log").contains("快递员明天上门取件"));
        assertThat(text(".log")).contains("怎么退货？").contains("7 天");
        assertThat(find(".card.rating")).as("a rated episode is not asked again").isNull();
        Object history = js.executeAsyncScript(
                "var done = arguments[0]; Baton.history().then(function (m) { done(m.length); });");
        assertThat(((Number) history).intValue()).isGreaterThanOrEqualTo(6);
        shot("web-07-after-reload");
        assertThat(text(".log")).contains("您的评价：★★★★★");

        // on a phone the panel takes the whole screen
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 800));
        browser.navigate().refresh();
        wait.until(d -> widget() != null);
        find(".launcher").click();
        wait.until(d -> text(".log").contains("快递员明天上门取件"));
        assertThat(find(".panel").getSize().getWidth()).isEqualTo(390);
        shot("web-07b-phone");
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(1200, 860));

        // the same page on an origin that is not allowed: no widget, and the API answers nothing it may read
        browser.get(shop.otherOrigin() + "/");
        Object opened = js.executeAsyncScript("""
                var done = arguments[0];
                (function wait() {
                    if (!window.Baton) { return setTimeout(wait, 50); }
                    Baton.open().then(function () { done('opened'); }, function (e) { done(e.message); });
                })();
                """);
        assertThat(opened).asString().startsWith("Baton chat unavailable");
        assertThat(widget()).isNull();
        Object refused = js.executeAsyncScript("""
                var done = arguments[0];
                fetch('BATON/api/web/session', {method: 'POST', headers: {'Content-Type': 'application/json'},
                    body: '{}'}).then(function (r) { done('read ' + r.status); }, function (e) { done('refused'); });
                """.replace("BATON", baton.base()));
        assertThat(refused).isEqualTo("refused");
        shot("web-08-other-origin-gets-nothing");
    }

    private static JsonNode waitForQueueItem(WebDriverWait wait) {
        TestBaton.Client ann = baton.login("ann");
        return wait.until(d -> {
            for (JsonNode item : ann.getJson("/api/queue").path("items")) {
                if (item.toString().contains("visitor:")) {
                    return item;
                }
            }
            return null;
        });
    }

    private static SearchContext widget() {
        return shop.widget();
    }

    private static WebElement find(String css) {
        return shop.find(css);
    }

    private static WebElement last(String css) {
        return shop.last(css);
    }

    private static String text(String css) {
        return shop.text(css);
    }

    private static void shot(String name) throws Exception {
        shop.shot(name);
    }
}
