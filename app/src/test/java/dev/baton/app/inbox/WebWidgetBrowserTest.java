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

    static final Path SHOTS = Path.of("target", "screenshots");

    @TempDir
    static Path dir;
    static TestBaton baton;
    static HttpServer shop;
    static WebDriver browser;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Files.isExecutable(InboxBrowserTest.CHROMIUM) && Files.isExecutable(InboxBrowserTest.CHROMEDRIVER),
                "needs /usr/bin/chromium and /usr/bin/chromedriver");
        shop = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        shop.start();
        Files.createDirectories(dir.resolve("knowledge"));
        Files.writeString(dir.resolve("knowledge").resolve("退货.md"), """
                # 退货与退款

                ## 怎么退货？

                收到商品后 7 天内可以退货：打开"我的订单"，选择订单，点"申请退货"。

                ## 退款多久到账？

                我们收到退货后 3 到 5 个工作日内原路退款。
                """);
        String channels = "  web:\n    allowed-origins: [\"http://localhost:" + shop.getAddress().getPort() + "\"]\n"
                + "    title: { zh: 好物商城客服, en: Shop support }\n";
        baton = TestBaton.start(dir, Map.of("CHANNELS", channels));
        String page = """
                <!doctype html>
                <html lang="zh"><head><meta charset="utf-8"><title>好物商城</title>
                <link rel="stylesheet" href="/shop.css"></head>
                <body><header>好物商城</header><main><h1>新品上架</h1><p>春季新款，全场包邮。</p>
                <div class="grid"><div>连衣裙 ¥299</div><div>运动鞋 ¥459</div><div>帆布包 ¥99</div></div></main>
                <script src="BATON/widget.js" async data-lang="zh"></script>
                </body></html>
                """.replace("BATON", baton.base());
        // a host page that would break a careless widget: global rules for every div, button and form
        String css = "body{font-family:serif;margin:0;background:#faf7f2}header{background:#333;color:#fff;"
                + "padding:14px 24px;font-size:20px}main{padding:24px}.grid{display:flex;gap:16px}.grid div{"
                + "background:#fff;border:1px solid #ddd;padding:40px 30px}button{background:red!important;"
                + "font-size:30px!important}div{letter-spacing:3px}";
        String csp = "default-src 'none'; script-src " + baton.base() + "; connect-src " + baton.base()
                + "; style-src 'self'; img-src 'self'";
        shop.createContext("/", ex -> {
            boolean style = ex.getRequestURI().getPath().equals("/shop.css");
            byte[] body = (style ? css : page).getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", style ? "text/css" : "text/html; charset=utf-8");
            ex.getResponseHeaders().set("Content-Security-Policy", csp);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        ChromeOptions options = new ChromeOptions();
        options.setBinary(InboxBrowserTest.CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1200,860", "--lang=zh-CN");
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(InboxBrowserTest.CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        Files.createDirectories(SHOTS);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (baton != null) {
            baton.close();
        }
        if (shop != null) {
            shop.stop(0);
        }
    }

    @Test
    void should_serve_a_customer_from_question_to_rating_on_another_site() throws Exception {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        String shopUrl = "http://localhost:" + shop.getAddress().getPort() + "/";
        browser.get(shopUrl);
        wait.until(d -> widget() != null);
        shot("web-01-launcher");
        assertThat(problems()).as("the page's console: no CSP violation, no error").isEmpty();

        find(".launcher").click();
        wait.until(d -> find(".panel").isDisplayed());
        assertThat(find(".head .title").getText()).isEqualTo("好物商城客服");
        assertThat(find(".human").getText()).isEqualTo("转人工");
        assertThat(find(".human").getCssValue("font-size")).as("the host page's button rule stays outside")
                .isEqualTo("13px");
        find("textarea").sendKeys("怎么退货？");
        find(".send").click();
        WebElement answer = wait.until(d -> last(".msg.bot"));
        wait.until(d -> !last(".msg.bot").getText().isBlank());
        assertThat(last(".msg.bot").getText()).contains("7 天").contains("退货");
        shot("web-02-answer-with-source");

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
        assertThat(bob.postJson("/api/conversations/" + conv + "/reply", Map.of("text", "您好，我是客服小林，"
                + "已为您登记退货，快递员明天上门取件。")).status()).isEqualTo(202);
        wait.until(d -> text(".log").contains("快递员明天上门取件"));
        assertThat(last(".msg.agent").getText()).contains("bob");
        shot("web-04-agent-replies-live");

        assertThat(bob.postJson("/api/conversations/" + conv + "/resolve", Map.of("note", "退货已登记")).status())
                .isEqualTo(200);
        wait.until(d -> find(".card.rating") != null);
        shot("web-05-rating-offered");
        find(".card.rating .stars button[data-score='5']").click();
        find(".card.rating textarea").sendKeys("很快，谢谢");
        find(".card.rating .go").click();
        wait.until(d -> text(".card.rating").contains("感谢"));
        shot("web-06-rated");
        Store store = baton.runtime.engine().store();
        List<RatingRepository.Row> ratings = store.db().withConnection(c -> store.ratings().forConversation(c, conv));
        assertThat(ratings).singleElement().satisfies(r -> {
            assertThat(r.score()).isEqualTo(5);
            assertThat(r.comment()).isEqualTo("很快，谢谢");
            assertThat(r.ticketId()).isEqualTo(ticket);
        });

        browser.navigate().refresh();
        wait.until(d -> widget() != null);
        find(".launcher").click();
        wait.until(d -> text(".log").contains("快递员明天上门取件"));
        assertThat(text(".log")).contains("怎么退货？").contains("7 天");
        assertThat(find(".card.rating")).as("a rated episode is not asked again").isNull();
        Object history = ((JavascriptExecutor) browser).executeAsyncScript(
                "var done = arguments[0]; Baton.history().then(function (m) { done(m.length); });");
        assertThat(((Number) history).intValue()).isGreaterThanOrEqualTo(4);
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
        browser.get("http://127.0.0.1:" + shop.getAddress().getPort() + "/");
        Object opened = ((JavascriptExecutor) browser).executeAsyncScript("""
                var done = arguments[0];
                (function wait() {
                    if (!window.Baton) { return setTimeout(wait, 50); }
                    Baton.open().then(function () { done('opened'); }, function (e) { done(e.message); });
                })();
                """);
        assertThat(opened).asString().startsWith("Baton chat unavailable");
        assertThat(widget()).isNull();
        Object refused = ((JavascriptExecutor) browser).executeAsyncScript("""
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
        List<WebElement> hosts = browser.findElements(By.tagName("baton-chat"));
        if (hosts.isEmpty()) {
            return null;
        }
        SearchContext root = hosts.get(0).getShadowRoot();
        return root.findElements(By.cssSelector(".launcher")).isEmpty() ? null : root;
    }

    private static WebElement find(String css) {
        List<WebElement> found = widget().findElements(By.cssSelector(css));
        return found.isEmpty() ? null : found.get(0);
    }

    private static WebElement last(String css) {
        List<WebElement> found = widget().findElements(By.cssSelector(css));
        return found.isEmpty() ? null : found.get(found.size() - 1);
    }

    private static String text(String css) {
        WebElement e = find(css);
        return e == null ? "" : e.getText();
    }

    private static List<String> problems() {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage)
                .filter(m -> !m.contains("favicon")).toList();
    }

    private static void shot(String name) throws Exception {
        File f = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(f.toPath(), SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
