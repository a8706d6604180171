package dev.baton.app.inbox;

import dev.baton.inbox.auth.ApiTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The inbox in a real browser (Debian's headless chromium through Selenium), with the customer in a second tab on the
 * dev channel's chat page: log in → the customer asks for a person → the handoff appears live (SSE, no reload) →
 * reply, which the customer sees → resolve, and the customer is back with the bot → save an answer as knowledge and
 * approve the draft. And a Chinese desk ({@code inbox.language: zh}): a Chinese customer presses the human button, and
 * the agent reads the reason and the summary in Chinese, with no code or raw value anywhere on the queue or the
 * conversation page. Screenshots of each step go to {@code target/screenshots/} ({@code docs/inbox.md} shows some).
 * Skipped when {@code /usr/bin/chromium} is missing.
 */
class InboxBrowserTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SHOTS = Path.of("target", "screenshots");

    @TempDir
    static Path dir;
    static TestBaton baton;
    static WebDriver browser;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "needs /usr/bin/chromium and /usr/bin/chromedriver (apt-get install chromium chromium-driver)");
        baton = TestBaton.start(dir, Map.of());
        browser = headless(1400, 1000);
        Files.createDirectories(SHOTS);
    }

    /** Signs {@code name} in to the inbox at {@code base} (password {@link TestBaton#PASSWORD}) and waits for the page. */
    static void signIn(WebDriver browser, String base, String name) {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        browser.get(base + "/inbox/login");
        browser.findElement(By.id("login-name")).sendKeys(name);
        browser.findElement(By.id("login-password")).sendKeys(TestBaton.PASSWORD);
        browser.findElement(By.id("login-submit")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("me"), name));
    }

    /** Headless Debian Chromium at this window size, as every browser test of the inbox and the widget drives it. */
    static ChromeDriver headless(int width, int height) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=" + width + "," + height);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (baton != null) {
            baton.close();
        }
    }

    @Test
    void should_work_a_handoff_from_login_to_approved_draft() throws Exception {
        WebDriverWait wait = waiting();
        browser.get(baton.base() + "/inbox");
        wait.until(ExpectedConditions.urlContains("/inbox/login"));
        browser.findElement(By.id("login-name")).sendKeys("ann");
        browser.findElement(By.id("login-password")).sendKeys(TestBaton.PASSWORD);
        shot("01-login");
        browser.findElement(By.id("login-submit")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("me"), "ann"));
        wait.until(ExpectedConditions.attributeContains(By.id("live"), "class", "on"));
        shot("02-empty-queue");

        // the customer, in a second tab: the dev channel's chat page
        String inboxTab = browser.getWindowHandle();
        String customer = "browser-" + System.nanoTime();
        browser.switchTo().newWindow(WindowType.TAB);
        String chatTab = browser.getWindowHandle();
        browser.get(baton.base() + "/dev/chat?customer=" + customer);
        customerTypes("How do I return an item?");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#messages li.bot")));
        customerTypes("I want to talk to a human");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#messages li.system")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("state"), "waiting for a person"));
        shot("02b-customer-asks-for-a-person");
        browser.switchTo().window(inboxTab);
        WebElement row = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.xpath("//tr[contains(@class,'ticket')][.//strong[text()='" + customer + "']]")));
        assertThat(row.getText()).contains("asked for a person");
        shot("03-new-handoff-live");

        row.findElement(By.cssSelector("button.claim")).click();
        wait.until(ExpectedConditions.urlContains("/inbox/conversations/"));
        wait.until(ExpectedConditions.attributeToBe(By.id("state"), "data-state", "HUMAN"));
        assertThat(textOf(By.id("state"))).as("words, not the state's code").isEqualTo("with ann");
        assertThat(textOf(By.id("transcript"))).as("authors as words")
                .contains("Customer · ", "Bot · ", "Notice · ").doesNotContain("customer · ", "system · ");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#suggestions .suggestion")));
        assertThat(browser.findElement(By.id("summary")).getText()).isNotBlank();
        WebElement reply = browser.findElement(By.id("reply-text"));
        reply.sendKeys("Hi, I'm Ann. Open My orders and tap Return; you have 7 days.");
        browser.findElement(By.id("reply-send")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("transcript"), "I'm Ann"));
        shot("04-replied");
        browser.switchTo().window(chatTab);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#messages li.human"), "I'm Ann"));
        shot("04a-customer-sees-the-reply");
        browser.switchTo().window(inboxTab);

        browser.findElement(By.cssSelector("#profile-edit summary")).click();
        WebElement tier = browser.findElement(By.id("profile-tier"));
        tier.clear();
        tier.sendKeys("vip");
        browser.findElement(By.id("profile-tags")).sendKeys("gold-card, callback");
        browser.findElement(By.id("profile-save")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("profile-tier-value"), "vip"));
        assertThat(browser.findElement(By.id("profile-tags-value")).getText()).isEqualTo("gold-card, callback");
        shot("04b-customer-made-vip");

        browser.switchTo().window(chatTab);
        browser.findElement(By.id("name")).sendKeys("Alice");   // from now on the customer has a name
        customerTypes("Great, thank you!");
        browser.switchTo().window(inboxTab);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("transcript"), "Great, thank you!"));

        notesAndCannedReplies(wait, inboxTab, chatTab);

        browser.findElement(By.cssSelector("#save-knowledge-box summary")).click();
        WebElement question = browser.findElement(By.id("draft-question"));
        question.clear();
        question.sendKeys("Where do I start a return?");
        browser.findElement(By.id("save-knowledge")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("toast"), "Draft saved"));

        browser.findElement(By.id("resolve-note")).sendKeys("explained returns");
        browser.findElement(By.id("resolve")).click();
        wait.until(ExpectedConditions.attributeToBe(By.id("state"), "data-state", "BOT"));
        shot("05-resolved");
        // back with the bot (this customer is a VIP now, so their next message would go straight to a person; the
        // bot answering again after a resolve is DevChannelHandoffScenarioTest's)
        browser.switchTo().window(chatTab);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("state"), "with the bot"));
        shot("05a-customer-back-with-the-bot");
        browser.close();
        browser.switchTo().window(inboxTab);

        browser.get(baton.base() + "/inbox/drafts");
        WebElement draft = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("li.draft")));
        assertThat(draft.getText()).contains("Where do I start a return?");
        shot("06-drafts");
        draft.findElement(By.cssSelector("button.approve")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("toast"), "Approved"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("p.empty")));
        assertThat(Files.list(baton.dir.resolve("knowledge")).map(p -> p.getFileName().toString()))
                .anyMatch(n -> n.contains("where-do-i-start-a-return"));

        browser.get(baton.base() + "/inbox/analytics");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".metric")));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#chart-reasons svg")));
        shot("07-analytics");

        browser.get(baton.base() + "/inbox/tokens");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("token-name"))).sendKeys("browser-script");
        browser.findElement(By.id("token-create")).click();
        String secret = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token-secret"))).getText();
        assertThat(secret).startsWith(ApiTokens.PREFIX);
        assertThat(baton.bearer(secret).getJson("/api/me").path("name").asText()).isEqualTo("ann");
        WebElement tokenRow = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.xpath("//table[@id='tokens']//tr[td[text()='browser-script']]")));
        assertThat(tokenRow.getText()).doesNotContain(secret);
        shot("08-token-created");
        tokenRow.findElement(By.cssSelector("button.revoke")).click();
        wait.until(ExpectedConditions.alertIsPresent()).accept();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("toast"), "Revoked"));
        assertThat(baton.bearer(secret).getStatus("/api/me").status()).isEqualTo(401);
        shot("09-token-revoked");
    }

    @Test
    void should_show_a_chinese_desk_the_reason_and_the_summary_in_chinese() throws Exception {
        Path zhDir = Files.createDirectories(dir.resolve("zh-desk"));
        try (TestBaton zh = TestBaton.start(zhDir, Map.of("INBOX", "  language: zh"))) {
            WebDriverWait wait = waiting();
            browser.manage().deleteAllCookies();
            browser.get(zh.base() + "/inbox");
            wait.until(ExpectedConditions.urlContains("/inbox/login"));
            assertThat(browser.findElement(By.id("login-submit")).getText()).isEqualTo("登录");
            browser.findElement(By.id("login-name")).sendKeys("ann");
            browser.findElement(By.id("login-password")).sendKeys(TestBaton.PASSWORD);
            shot("zh-01-login");
            browser.findElement(By.id("login-submit")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("me"), "ann · 主管"));

            String inboxTab = browser.getWindowHandle();
            String customer = "王女士-" + System.nanoTime() % 10000;
            browser.switchTo().newWindow(WindowType.TAB);
            browser.get(zh.base() + "/dev/chat?customer=" + customer);
            customerTypes("我的快递三天了还没到，怎么回事？");
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#messages li.bot")));
            browser.findElement(By.id("human")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#messages li.system")));
            shot("zh-02-customer-presses-the-human-button");
            browser.close();
            browser.switchTo().window(inboxTab);

            String rowPath = "//tr[contains(@class,'ticket')][.//strong[text()='" + customer + "']]";
            wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath(rowPath)));
            By chip = By.xpath(rowPath + "//span[@data-reason]");
            assertThat(textOf(chip)).isEqualTo("点了转人工按钮");
            String code = waiting().until(d -> d.findElement(chip).getAttribute("title"));
            assertThat(code).as("the code one hover away").isEqualTo("button");
            assertThat(textOf(By.xpath(rowPath)))
                    .contains("客户现在的问题是“我的快递三天了还没到，怎么回事？”", "测试聊天", "等待中")
                    .doesNotContain("button", "explicit_request", "knowledge_miss", "QUEUED", "dev");
            shot("zh-03-queue");

            waiting().until(d -> {
                d.findElement(By.xpath(rowPath + "//a[contains(@class,'open')]")).click();
                return true;
            });
            wait.until(ExpectedConditions.urlContains("/inbox/conversations/"));
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("summary")));
            assertThat(textOf(By.id("summary"))).startsWith("客户现在的问题是“我的快递三天了还没到，怎么回事？”")
                    .contains("点了转人工按钮");
            assertThat(textOf(By.cssSelector("#ticket .chip"))).isEqualTo("点了转人工按钮");
            assertThat(textOf(By.id("state"))).isEqualTo("排队等人工");
            String page = textOf(By.id("main"));
            assertThat(page).contains("机器人尝试过的回答", "客户语言", "中文", "认领并发送", "（点了“转人工”按钮）", "目前")
                    .doesNotContain("[button]", "Talk to a human", "QUEUED", "explicit_request", "knowledge_miss", "undefined", "null", "NaN",
                            "Technical detail", "Waited", "What the bot tried");
            shot("zh-04-conversation");
            browser.findElement(By.cssSelector("#technical summary")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#technical .explanation")));
            assertThat(textOf(By.id("technical"))).as("the codes, one click away")
                    .contains("button");
            shot("zh-05-technical-detail");

            browser.get(zh.base() + "/inbox/analytics");
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("table.reasons tbody tr")));
            assertThat(textOf(By.cssSelector("table.reasons"))).contains("原因", "点了转人工按钮")
                    .doesNotContain("button");
            assertThat(textOf(By.id("main"))).contains("转人工率", "还没有数据").doesNotContain("p50", "n=", "Handoff", "NaN");
            shot("zh-06-analytics");

            // an agent who reads English better switches for themselves: pages and labels in English, the summary as
            // written for the desk
            browser.get(zh.base() + "/inbox");
            wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath(rowPath)));
            browser.findElement(By.id("lang-switch")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("h1"), "Queue"));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath(rowPath)));
            assertThat(textOf(chip)).isEqualTo("pressed the human button");
            assertThat(textOf(By.xpath(rowPath))).contains("客户现在的问题是", "test chat", "waiting");
            assertThat(textOf(By.id("lang-switch"))).isEqualTo("中文");
            shot("zh-07-agent-switched-to-english");
        }
    }

    /**
     * An internal note, shown marked in the transcript and never delivered to the customer; then a team canned reply
     * with {@code {customer.name}} picked by typing "/", edited and sent: the customer gets the filled text. A reply
     * with a variable Baton cannot fill is flagged in the picker.
     */
    private static void notesAndCannedReplies(WebDriverWait wait, String inboxTab, String chatTab) throws Exception {
        TestBaton.Client ann = baton.token("ann");
        assertThat(ann.postJson("/api/canned-replies", Map.of("scope", "team", "shortcut", "thanks",
                "en", "Thanks for your patience, {customer.name}! Anything else I can do for you?",
                "zh", "{customer.name}，感谢您的耐心等待！还有什么可以帮您？")).status()).isEqualTo(201);
        assertThat(ann.postJson("/api/canned-replies", Map.of("scope", "team", "shortcut", "tracking",
                "en", "Your parcel {order.tracking} is on its way.")).status()).isEqualTo(201);
        String note = "Alice may ask for a refund next week: order 88812345, check with billing first.";

        browser.findElement(By.id("note-text")).sendKeys(note);
        browser.findElement(By.id("note-add")).click();
        WebElement shown = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#transcript li.note")));
        assertThat(textOf(By.cssSelector("#transcript li.note"))).contains("Internal note", "ann", note,
                "not sent to the customer");
        assertThat(shown.getCssValue("border-top-style")).as("marked apart from messages").isEqualTo("dashed");

        WebElement reply = browser.findElement(By.id("reply-text"));
        reply.click();
        reply.sendKeys("/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#canned-picker li.pick")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("canned-picker"), "/tracking"));
        assertThat(textOf(By.cssSelector("#canned-picker li[data-shortcut='tracking']")))
                .as("an unknown variable is flagged, not filled with a guess")
                .contains("Your parcel {order.tracking} is on its way.", "Not filled in: {order.tracking}");
        // a live update while the agent types (a colleague's note): the page re-renders around the reply box, which
        // keeps the focus and the open picker instead of losing both mid-word
        String conversation = browser.getCurrentUrl().replaceAll(".*/conversations/(\\d+).*", "$1");
        assertThat(ann.postJson("/api/conversations/" + conversation + "/notes",
                Map.of("text", "Colleague: billing confirmed the refund rules.")).status()).isEqualTo(201);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("transcript"), "billing confirmed"));
        assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("reply-text");
        assertThat(browser.findElement(By.cssSelector("#canned-picker li[data-shortcut='tracking']")).isDisplayed())
                .as("the picker stays open through a live update").isTrue();
        shot("10-canned-reply-picker");
        reply.sendKeys("than");
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("#canned-picker li[data-shortcut='tracking']")));
        assertThat(textOf(By.cssSelector("#canned-picker li[data-shortcut='thanks']")))
                .contains("Thanks for your patience, Alice!").doesNotContain("{customer.name}", "Not filled in");
        reply.sendKeys(Keys.ENTER);
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("canned-picker")));
        assertThat(reply.getAttribute("value"))
                .isEqualTo("Thanks for your patience, Alice! Anything else I can do for you?");
        reply.sendKeys(Keys.BACK_SPACE, " today? – Ann");
        browser.findElement(By.id("reply-send")).click();
        String sent = "Thanks for your patience, Alice! Anything else I can do for you today? – Ann";
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("transcript"), sent));
        browser.switchTo().window(chatTab);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), sent));
        assertThat(textOf(By.id("messages"))).as("the note, added before the reply, never reached the customer")
                .doesNotContain("88812345", "refund next week");
        browser.switchTo().window(inboxTab);
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                "document.querySelector('#transcript li.note').scrollIntoView({block: 'center'})");
        shot("11-internal-note-and-canned-reply");
    }

    /** A wait that looks again when the page re-rendered the element under it (live updates replace the page). */
    private static WebDriverWait waiting() {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    /** The element's text, read again if a live update replaced it meanwhile. */
    private static String textOf(By by) {
        return waiting().until(d -> d.findElement(by).getText());
    }

    private static void customerTypes(String text) {
        WebElement box = browser.findElement(By.id("text"));
        box.sendKeys(text);
        browser.findElement(By.id("send")).click();
    }

    private static void shot(String name) throws Exception {
        File f = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(f.toPath(), SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
