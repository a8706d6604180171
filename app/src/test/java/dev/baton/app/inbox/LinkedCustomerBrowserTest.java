package dev.baton.app.inbox;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
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
 * Customers recognised across channels in a real browser: a customer on the dev chat asks for a person, the same
 * person wrote earlier as a signed-in user of the web chat; the agent finds the web user from the conversation's
 * customer panel and links them, and sees one customer with both conversations (the identities, and one time line
 * marked by channel); the queue names the person once with both channels. Screenshot
 * {@code target/screenshots/inbox-linked-customer.png} (docs/img). Skipped when {@code /usr/bin/chromium} is missing.
 */
class LinkedCustomerBrowserTest {

    @TempDir
    static Path dir;
    static TestBaton baton;
    static WebDriver browser;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Files.isExecutable(InboxBrowserTest.CHROMIUM) && Files.isExecutable(InboxBrowserTest.CHROMEDRIVER),
                "needs /usr/bin/chromium and /usr/bin/chromedriver (apt-get install chromium chromium-driver)");
        baton = TestBaton.start(dir, Map.of("CHANNELS", WebCustomers.CHANNELS));
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
    void should_show_one_customer_with_both_conversations_once_the_agent_links_them() throws Exception {
        // the web chat first: a signed-in shop user asks about returns (the bot answers)
        String token = WebCustomers.signedIn(baton, "u-42", "Li Lei");
        WebCustomers.says(baton, token, "How do I return an item?");
        long web = CustomerLinksApiTest.webConversation(baton, "user:u-42");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> baton.runtime.engine().store().db()
                .withConnection(c -> baton.runtime.engine().store().messages().transcript(c, web)).size() >= 2);
        // later, on another channel (the dev chat stands in for WhatsApp), the same person asks for a human
        baton.anonymous().postJson("/api/dev/messages", Map.of("customer", "8613800000042", "text",
                "Where is my refund? I returned it last week"));
        long conversation = baton.customerSays("8613800000042", "I want to talk to a human")
                .path("conversationId").asLong();

        WebDriverWait wait = waiting();
        InboxBrowserTest.signIn(browser, baton.base(), "ann");
        browser.get(baton.base() + "/inbox/conversations/" + conversation);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#linked li.identity.current")));
        assertThat(browser.findElements(By.id("person-history"))).as("nothing linked yet: no second time line")
                .isEmpty();

        browser.findElement(By.cssSelector("#link-box summary")).click();
        browser.findElement(By.id("link-search")).sendKeys("u-42");
        browser.findElement(By.id("link-find")).click();
        WebElement candidate = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#link-results li.candidate")));
        assertThat(candidate.getText()).contains("web chat", "Li Lei", "u-42");
        candidate.findElement(By.cssSelector("button.link")).click();

        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#linked li.identity[data-channel='web']")));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#person-history li[data-channel='web']")));
        assertThat(textOf(By.id("linked"))).contains("test chat", "8613800000042", "web chat", "Li Lei · u-42");
        List<String> channels = wait.until(d -> d.findElements(By.cssSelector("#person-history li.msg")).stream()
                .map(e -> e.getAttribute("data-channel")).toList());
        assertThat(channels.get(0)).as("the web conversation came first").isEqualTo("web");
        assertThat(channels).contains("dev");
        assertThat(channels.indexOf("dev")).isGreaterThan(channels.lastIndexOf("web"));
        assertThat(textOf(By.id("person-history"))).contains("How do I return an item?", "Where is my refund?");
        assertThat(textOf(By.cssSelector("h1"))).as("the person's name, from the web identity").startsWith("Li Lei");
        ((JavascriptExecutor) browser).executeScript(
                "document.getElementById('profile').scrollIntoView({block: 'start'})");
        shot("inbox-linked-customer");

        browser.get(baton.base() + "/inbox");
        WebElement row = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("tr.ticket[data-conversation='" + conversation + "']")));
        assertThat(row.findElement(By.cssSelector(".customer-cell strong")).getText()).isEqualTo("Li Lei");
        assertThat(row.findElement(By.cssSelector(".person-channels [data-channel='web']")).getText())
                .isEqualTo("web chat");
        shot("inbox-linked-customer-queue");
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
        Files.copy(f.toPath(), InboxBrowserTest.SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
