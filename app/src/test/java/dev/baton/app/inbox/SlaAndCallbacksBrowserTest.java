package dev.baton.app.inbox;

import dev.baton.core.channel.Channel;
import dev.baton.core.store.CallbackRepository;
import dev.baton.core.testing.TestClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A supervisor's shift with first-response SLAs and callbacks, in a real browser (headless chromium), on a Baton whose
 * support group answers within 5 minutes and is closed today, running on the test's clock: bob claims a customer and
 * does not answer; when the clock passes 5 minutes the ticket is back in the queue, marked, and ann gets a live alert
 * (twice re-queued, twice marked). A customer on the dev chat leaves a phone number and a question in plain messages;
 * ann finds it in Callbacks (an overdue one at the top), calls back, records the outcome, and sees it in the
 * conversation; the same pages in Chinese. Screenshots go to {@code target/screenshots/inbox-sla-*} and
 * {@code inbox-callbacks-*} (docs/inbox.md shows them, from {@code docs/img/}).
 */
class SlaAndCallbacksBrowserTest {

    @TempDir
    static Path dir;
    static TestBaton baton;
    static WebDriver browser;
    static final TestClock time = TestClock.system();

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Files.isExecutable(InboxBrowserTest.CHROMIUM) && Files.isExecutable(InboxBrowserTest.CHROMEDRIVER),
                "needs /usr/bin/chromium and /usr/bin/chromedriver");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String support = "      first-response: 5m\n      hours:\n        time-zone: UTC\n"
                + "        open: [\"mon-sun 09:00-18:00\"]\n"
                + "        holidays: [" + today.minusDays(1) + ", " + today + ", " + today.plusDays(1) + "]\n";
        baton = TestBaton.start(dir, Map.of("HOURS", support), engine -> engine.clock(time));
        browser = InboxBrowserTest.headless(1400, 900);
        Files.createDirectories(InboxBrowserTest.SHOTS);
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
    void should_requeue_an_unanswered_claim_with_an_alert_and_close_a_callback_left_in_chat() throws Exception {
        WebDriverWait wait = waiting();
        InboxBrowserTest.signIn(browser, baton.base(), "ann");
        wait.until(ExpectedConditions.attributeContains(By.id("live"), "class", "on"));
        String inbox = browser.getWindowHandle();

        // a customer asks for a person; bob claims the ticket and does not answer
        String customer = "sla-" + System.nanoTime();
        baton.customerSays(customer, "My parcel is lost, I want a human");
        By row = By.xpath("//tr[contains(@class,'ticket')][.//strong[text()='" + customer + "']]");
        long ticket = Long.parseLong(wait.until(ExpectedConditions.presenceOfElementLocated(row))
                .getAttribute("data-ticket"));
        TestBaton.Client bob = baton.login("bob");
        assertThat(bob.postJson("/api/tickets/" + ticket + "/claim", Map.of()).status()).isEqualTo(200);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(row, "with bob"));
        assertThat(textOf(row)).contains("reply due");
        shot("inbox-sla-01-claimed-reply-due");

        time.advance(Duration.ofMinutes(5));
        WebElement alert = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".sla-alert")));
        assertThat(alert.getText()).contains("First reply late: ticket #" + ticket)
                .contains("bob did not reply within 5 min 00 s");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(row, "First reply late"));
        assertThat(textOf(row)).contains("waiting").doesNotContain("with bob")
                .as("the customer has been waiting since the handoff").contains("5 min");
        shot("inbox-sla-02-breach-alert");

        // claimed again and again not answered: a fresh 5 minutes, then back once more
        assertThat(bob.postJson("/api/tickets/" + ticket + "/claim", Map.of()).status()).isEqualTo(200);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(row, "with bob"));
        time.advance(Duration.ofMinutes(5));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(row, "First reply late ×2"));
        browser.findElements(By.cssSelector(".sla-alert .dismiss")).forEach(WebElement::click);
        shot("inbox-sla-03-requeued-twice");

        // another customer, off hours, leaves a phone number and a question in plain chat messages
        browser.switchTo().newWindow(WindowType.TAB);
        String chat = browser.getWindowHandle();
        String caller = "caller-" + System.nanoTime();
        browser.get(baton.base() + "/dev/chat?customer=" + caller);
        browser.findElement(By.id("human")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"),
                "leave your phone number or email"));
        customerTypes("My refund has not arrived yet");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "Please add a phone number"));
        customerTypes("call me on +44 20 7946 0958");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "we have your message"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("state"), "with the bot"));
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                "window.scrollTo(0, document.body.scrollHeight);");
        shot("inbox-callbacks-01-customer-leaves-a-message");
        browser.close();
        browser.switchTo().window(inbox);

        // one left earlier whose promise has passed: it is at the top, marked
        long earlier = baton.runtime.engine().engine().conversation(Channel.of("dev"), customer).orElseThrow().id();
        baton.runtime.engine().store().db().inTransaction(c -> new CallbackRepository().insertOpen(c, earlier,
                CallbackRepository.Origin.QUEUE_TIMEOUT, "support", "Mia", "mia@example.com",
                "Can I change the delivery address?", "en", time.instant().minus(Duration.ofMinutes(30)),
                time.instant().minus(Duration.ofHours(4))));

        browser.get(baton.base() + "/inbox/callbacks");
        By caller1 = By.xpath("//tr[contains(@class,'callback')][.//td[@class='contact'][text()='+44 20 7946 0958']]");
        wait.until(ExpectedConditions.presenceOfElementLocated(caller1));
        assertThat(textOf(caller1)).contains("My refund has not arrived yet").contains("left off hours")
                .as("a customer without a name shows as their id").contains(caller);
        WebElement first = browser.findElements(By.cssSelector("tr.callback")).get(0);
        assertThat(first.getText()).contains("mia@example.com").contains("overdue");
        shot("inbox-callbacks-02-view");

        WebElement mine = browser.findElement(caller1);
        new Select(mine.findElement(By.cssSelector("select.outcome"))).selectByValue("reached");
        mine.findElement(By.cssSelector("input.outcome-note")).sendKeys("refund re-sent, arrives Friday");
        mine.findElement(By.cssSelector("button.close-callback")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("toast"), "Called back"));
        wait.until(ExpectedConditions.invisibilityOfElementLocated(caller1));
        click(By.cssSelector("button[data-tab='done']"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("table.callbacks"),
                "refund re-sent, arrives Friday"));
        assertThat(textOf(By.cssSelector("table.callbacks"))).contains("ann").contains("reached");
        shot("inbox-callbacks-03-done");

        long conv = baton.runtime.engine().engine().conversation(Channel.of("dev"), caller).orElseThrow().id();
        browser.get(baton.base() + "/inbox/conversations/" + conv);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("callbacks-card"), "ann called back"));
        assertThat(textOf(By.id("callbacks-card"))).contains("+44 20 7946 0958").contains("reached")
                .contains("refund re-sent, arrives Friday");
        shot("inbox-callbacks-04-in-the-conversation");

        // the same in Chinese (this agent's choice)
        browser.manage().addCookie(new Cookie("baton-lang", "zh", "/"));
        browser.get(baton.base() + "/inbox/callbacks");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("h1"), "回电/留言"));
        assertThat(textOf(By.cssSelector("table.callbacks"))).contains("已超时").contains("排队超时后留言");
        shot("inbox-callbacks-05-zh");
        browser.get(baton.base() + "/inbox");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(row, "首次响应超时 ×2"));
        shot("inbox-sla-04-zh-queue");
    }

    private static WebDriverWait waiting() {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    /** Clicks, finding the element again if a live update re-rendered the page under it. */
    private static void click(By by) {
        waiting().until(d -> {
            d.findElement(by).click();
            return true;
        });
    }

    private static String textOf(By by) {
        return waiting().until(d -> d.findElement(by).getText());
    }

    private static void customerTypes(String text) {
        browser.findElement(By.id("text")).sendKeys(text);
        browser.findElement(By.id("send")).click();
    }

    private static void shot(String name) throws Exception {
        File f = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(f.toPath(), InboxBrowserTest.SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
