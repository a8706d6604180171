package dev.baton.app.inbox;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A supervisor's look at the desk in a real browser (headless chromium): two weeks of handoffs, answers and ratings
 * seeded with their times, the analytics page with integer axes, reasons as words, a single day drawn as a labelled
 * column, per week, narrowed to one agent, CSV links, and the same page in Chinese; then the canned replies page: a
 * supervisor adds a team reply with a variable, finds it, edits and deletes one; an agent sees the team's replies
 * read-only and adds a personal one. Screenshots go to {@code docs/img/inbox-analytics-*.png}.
 */
class AnalyticsBrowserTest {

    static final Path SHOTS = Path.of("..", "docs", "img");

    @TempDir
    static Path dir;
    static TestBaton baton;
    static WebDriver browser;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Files.isExecutable(InboxBrowserTest.CHROMIUM) && Files.isExecutable(InboxBrowserTest.CHROMEDRIVER),
                "needs /usr/bin/chromium and /usr/bin/chromedriver");
        baton = TestBaton.start(dir, Map.of());
        new AnalyticsSeed(baton.runtime.engine().store(), Clock.systemUTC()).twoWeeks();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(InboxBrowserTest.CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1400,1000", "--force-device-scale-factor=1");
        browser = new ChromeDriver(new ChromeDriverService.Builder()
                .usingDriverExecutable(InboxBrowserTest.CHROMEDRIVER.toFile()).usingAnyFreePort().build(), options);
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
    }

    @Test
    void should_show_a_supervisor_readable_analytics_and_let_the_desk_manage_canned_replies() throws Exception {
        login("ann");
        analytics();
        cannedRepliesAsSupervisor();
        browser.manage().deleteAllCookies();
        login("bob");
        cannedRepliesAsAgent();
    }

    private void analytics() throws Exception {
        WebDriverWait wait = waiting();
        browser.manage().window().setSize(new Dimension(1400, 2300));
        browser.get(baton.base() + "/inbox/analytics");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#chart-volume svg")));
        assertThat(texts("#chart-volume .y-tick")).as("counts on an integer axis").isNotEmpty()
                .allMatch(s -> s.matches("\\d+"));
        assertThat(texts("#chart-volume .x-tick")).as("a point per day, dates as words").isNotEmpty()
                .noneMatch(s -> s.matches("\\d{4}-\\d{2}-\\d{2}"));
        assertThat(browser.findElements(By.cssSelector("#chart-volume path.series"))).hasSize(2);
        String reasons = textOf(By.cssSelector("table.reasons"));
        assertThat(reasons).contains("asked for a person", "bot had no answer", "upset")
                .doesNotContain("explicit_request", "knowledge_miss", "negative_sentiment");
        assertThat(textOf(By.id("m-containment"))).contains("Bot containment", "%", "came back within 24 h");
        assertThat(textOf(By.id("m-csat"))).contains("/ 5", "ratings");
        assertThat(textOf(By.id("main"))).doesNotContain("NaN", "undefined", "null", "p50");
        assertThat(browser.findElement(By.cssSelector("a.csv[data-table='reasons']")).getAttribute("href"))
                .contains("/api/analytics/csv/reasons?from=");
        shot("inbox-analytics-week");

        // one day: a labelled column, not a lone dot
        String day = LocalDate.now(java.time.ZoneOffset.UTC).minusDays(2).toString();
        setDate("from", day);
        setDate("to", day);
        wait.until(d -> d.findElements(By.cssSelector("#chart-volume rect.bar")).size() == 2);
        assertThat(browser.findElements(By.cssSelector("#chart-volume path.series"))).isEmpty();
        assertThat(texts("#chart-volume .value")).as("each column says its count").allMatch(s -> s.matches("\\d+"));
        shot("inbox-analytics-one-day");

        browser.findElement(By.cssSelector("button[data-days='30']")).click();
        wait.until(d -> d.findElements(By.cssSelector("#chart-volume .x-tick")).size() >= 5);
        new Select(browser.findElement(By.id("per"))).selectByValue("week");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("main"), "per week"));
        assertThat(texts("#chart-volume .y-tick")).allMatch(s -> s.matches("\\d+"));
        new Select(browser.findElement(By.id("agent"))).selectByValue("bob");
        wait.until(ExpectedConditions.attributeContains(By.cssSelector("a.csv[data-table='reasons']"), "href",
                "agent=bob"));
        assertThat(textOf(By.cssSelector("table.breakdown tr[data-key='bob']"))).isNotBlank();
        new Select(browser.findElement(By.id("csat-by"))).selectByValue("reason");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("table.csat")));
        assertThat(textOf(By.cssSelector("table.csat"))).doesNotContain("explicit_request");
        shot("inbox-analytics-weeks-for-bob");

        browser.findElement(By.id("lang-switch")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("h1"), "数据分析"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("table.reasons tbody tr")));
        assertThat(textOf(By.id("main"))).contains("转人工率", "机器人独立解决率", "满意度", "客户要求人工", "下载 CSV")
                .doesNotContain("Handoff", "explicit_request", "NaN", "undefined");
        shot("inbox-analytics-zh");
        browser.findElement(By.id("lang-switch")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("h1"), "Analytics"));
        browser.manage().window().setSize(new Dimension(1400, 1000));
    }

    private void cannedRepliesAsSupervisor() throws Exception {
        WebDriverWait wait = waiting();
        browser.get(baton.base() + "/inbox/canned-replies");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("canned-form")));
        assertThat(textOf(By.id("canned-variables"))).contains("{customer.name}", "{agent.name}", "{ticket.id}");
        addReply("refund", "退款一般 3 到 5 个工作日到账。", "Hi , refunds take 3 to 5 working days.");
        addReply("thanks", null, "Thank you for waiting!");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-shortcut='thanks']")));
        WebElement refund = browser.findElement(By.cssSelector("tr[data-shortcut='refund']"));
        assertThat(refund.getText()).contains("/refund", "team", "退款一般", "Hi {customer.name}, refunds take");

        browser.findElement(By.id("canned-search")).sendKeys("工作日");
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("tr[data-shortcut='thanks']")));
        shot("inbox-analytics-canned-replies-search");
        browser.findElement(By.id("canned-search")).clear();
        browser.findElement(By.id("canned-search")).sendKeys(" ");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-shortcut='thanks']")));

        browser.findElement(By.cssSelector("tr[data-shortcut='thanks'] button.edit")).click();
        WebElement en = browser.findElement(By.id("canned-en"));
        en.clear();
        en.sendKeys("Thank you for waiting, ");
        browser.findElement(By.cssSelector("button[data-variable='{agent.name}']")).click();
        en.sendKeys(" here.");
        browser.findElement(By.id("canned-save")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("tr[data-shortcut='thanks']"),
                "Thank you for waiting, {agent.name} here."));
        browser.findElement(By.cssSelector("tr[data-shortcut='thanks'] button.delete")).click();
        wait.until(ExpectedConditions.alertIsPresent()).accept();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("tr[data-shortcut='thanks']")));
        assertThat(baton.token("ann").getJson("/api/canned-replies").path("items").findValuesAsText("shortcut"))
                .contains("refund").doesNotContain("thanks");
        shot("inbox-analytics-canned-replies-supervisor");
    }

    private void cannedRepliesAsAgent() throws Exception {
        WebDriverWait wait = waiting();
        browser.get(baton.base() + "/inbox/canned-replies");
        WebElement team = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("tr[data-shortcut='refund']")));
        assertThat(team.findElements(By.cssSelector("button.edit"))).as("a team reply is the supervisors'").isEmpty();
        assertThat(new Select(browser.findElement(By.id("canned-scope"))).getOptions())
                .extracting(WebElement::getText).containsExactly("Mine (only me)");
        addReply("brb", "请稍等，我马上回来。", "One moment please, I'll be right back.");
        WebElement mine = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("tr[data-shortcut='brb']")));
        assertThat(mine.getText()).contains("mine");
        assertThat(mine.findElements(By.cssSelector("button.edit"))).hasSize(1);
        assertThat(baton.token("ann").getJson("/api/canned-replies").path("items").findValuesAsText("shortcut"))
                .as("bob's own reply is his only").doesNotContain("brb");
        shot("inbox-analytics-canned-replies-agent");
    }

    /** Fills the form; in the English text the customer's name goes in by its button, after "Hi ". */
    private void addReply(String shortcut, String zh, String en) {
        WebDriverWait wait = waiting();
        browser.findElement(By.id("canned-shortcut")).sendKeys(shortcut);
        if (zh != null) {
            browser.findElement(By.id("canned-zh")).sendKeys(zh);
        }
        WebElement box = browser.findElement(By.id("canned-en"));
        if (en.startsWith("Hi , ")) {
            box.sendKeys("Hi ");
            browser.findElement(By.cssSelector("button[data-variable='{customer.name}']")).click();
            box.sendKeys(en.substring(3));
        } else {
            box.sendKeys(en);
        }
        browser.findElement(By.id("canned-save")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-shortcut='" + shortcut + "']")));
    }

    private void login(String name) {
        InboxBrowserTest.signIn(browser, baton.base(), name);
    }

    private static void setDate(String id, String value) {
        ((JavascriptExecutor) browser).executeScript("const e = document.getElementById(arguments[0]);"
                + "e.value = arguments[1]; e.dispatchEvent(new Event('change'));", id, value);
        waiting().until(d -> value.equals(d.findElement(By.id(id)).getAttribute("value")));
    }

    private static List<String> texts(String css) {
        return waiting().until(d -> d.findElements(By.cssSelector(css)).stream().map(WebElement::getText).toList());
    }

    private static WebDriverWait waiting() {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    private static String textOf(By by) {
        return waiting().until(d -> d.findElement(by).getText());
    }

    private static void shot(String name) throws Exception {
        File f = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(f.toPath(), SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
