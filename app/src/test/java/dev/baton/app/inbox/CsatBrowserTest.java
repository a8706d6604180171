package dev.baton.app.inbox;

import dev.baton.core.store.RatingRepository;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Satisfaction (CSAT) in a real browser: an agent serves a dev-channel customer in the inbox and resolves; the
 * customer, in the other tab, is asked to rate 1–5, answers "4 quick and friendly" and is thanked; the agent reads
 * the rating in the transcript as stars, not as a code. Screenshots go to {@code target/screenshots/inbox-csat-*}
 * ({@code docs/inbox.md} shows them). Skipped when {@code /usr/bin/chromium} is missing.
 */
class CsatBrowserTest {

    @TempDir
    static Path dir;
    static TestBaton baton;
    static WebDriver browser;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Files.isExecutable(InboxBrowserTest.CHROMIUM) && Files.isExecutable(InboxBrowserTest.CHROMEDRIVER),
                "needs /usr/bin/chromium and /usr/bin/chromedriver (apt-get install chromium chromium-driver)");
        baton = TestBaton.start(dir, Map.of());
        browser = InboxBrowserTest.headless(1400, 1000);
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
    void should_ask_the_customer_to_rate_after_the_agent_resolves_and_show_the_agent_the_rating() throws Exception {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        wait.ignoring(StaleElementReferenceException.class);
        InboxBrowserTest.signIn(browser, baton.base(), "bob");
        wait.until(ExpectedConditions.attributeContains(By.id("live"), "class", "on"));
        String inboxTab = browser.getWindowHandle();

        String customer = "rater-" + System.nanoTime();
        browser.switchTo().newWindow(WindowType.TAB);
        String chatTab = browser.getWindowHandle();
        browser.get(baton.base() + "/dev/chat?customer=" + customer);
        customerTypes("My refund hasn't arrived, I want to talk to a human");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("state"), "waiting for a person"));

        browser.switchTo().window(inboxTab);
        WebElement row = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.xpath("//tr[contains(@class,'ticket')][.//strong[text()='" + customer + "']]")));
        row.findElement(By.cssSelector("button.claim")).click();
        wait.until(ExpectedConditions.attributeToBe(By.id("state"), "data-state", "HUMAN"));
        browser.findElement(By.id("reply-text")).sendKeys("I'm Bob: your refund left today, 3 to 5 working days.");
        browser.findElement(By.id("reply-send")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("transcript"), "I'm Bob"));
        // the conversation pane re-renders on the reply's own live events (sent, delivered): click the button as it
        // is when the click lands, as an agent's second click would
        wait.until(d -> {
            d.findElement(By.id("resolve")).click();
            return true;
        });
        wait.until(ExpectedConditions.attributeToBe(By.id("state"), "data-state", "BOT"));
        String conversationUrl = browser.getCurrentUrl();

        browser.switchTo().window(chatTab);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "How did we do?"));
        String chat = browser.findElement(By.id("messages")).getText();
        assertThat(chat).contains("reply 1–5").containsOnlyOnce("How did we do?");
        shot("inbox-csat-1-customer-asked");

        customerTypes("4 quick and friendly");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "Thank you for your rating!"));
        assertThat(browser.findElement(By.id("state")).getText()).contains("with the bot");
        shot("inbox-csat-2-customer-rated");

        long conversation = Long.parseLong(conversationUrl.substring(conversationUrl.lastIndexOf('/') + 1)
                .replaceAll("\\D.*$", ""));
        List<RatingRepository.Row> ratings = baton.runtime.engine().store().db().withConnection(c ->
                baton.runtime.engine().store().ratings().forConversation(c, conversation));
        assertThat(ratings).singleElement().satisfies(r -> {
            assertThat(r.score()).isEqualTo(4);
            assertThat(r.comment()).isEqualTo("quick and friendly");
        });

        browser.switchTo().window(inboxTab);
        browser.get(conversationUrl);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("transcript"),
                "(rated 4/5 ★★★★☆) quick and friendly"));
        assertThat(browser.findElement(By.id("transcript")).getText()).doesNotContain("[rating]");
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                "window.scrollTo(0, document.body.scrollHeight)");
        shot("inbox-csat-3-agent-sees-the-rating");
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
