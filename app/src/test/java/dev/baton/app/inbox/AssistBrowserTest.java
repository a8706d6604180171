package dev.baton.app.inbox;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.openqa.selenium.chrome.ChromeDriver;
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
 * The copilot and the knowledge gaps in a real browser (headless chromium through Selenium). Earlier, a customer asked
 * whether they can pay with a gift card (the knowledge does not say), went to a person, and ann answered. Now another
 * customer asks the same in other words: bob claims it, the copilot offers ann's answer as a draft with its citation,
 * bob puts it in the reply box, edits it and sends it, and the customer gets the edited text. Then ann, a supervisor,
 * opens Knowledge gaps: the two gift-card questions are one gap with ann's answer; one click makes it a knowledge
 * draft, which the Drafts page lists; the page in Chinese too. Screenshots go to {@code docs/img/inbox-copilot-*.png}
 * and {@code docs/img/inbox-gaps-*.png}. Skipped when {@code /usr/bin/chromium} is missing.
 */
class AssistBrowserTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SHOTS = Path.of("..", "docs", "img");
    static final String ANSWER = "Yes: enter the gift card code under Payment at checkout; the rest goes on your card.";

    @TempDir
    static Path dir;
    static TestBaton baton;
    static WebDriver browser;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "needs /usr/bin/chromium and /usr/bin/chromedriver (apt-get install chromium chromium-driver)");
        baton = TestBaton.start(dir, Map.of());
        long first = baton.customerSays("gift-1", "Can I pay with a gift card?").path("conversationId").asLong();
        baton.customerSays("gift-1", "I want to talk to a human");
        TestBaton.Client ann = baton.login("ann");
        ann.postJson("/api/conversations/" + first + "/reply", Map.of("text", "Hi, Ann here."));
        ann.postJson("/api/conversations/" + first + "/reply", Map.of("text", ANSWER));
        ann.postJson("/api/conversations/" + first + "/resolve", Map.of("note", "explained gift cards"));
        baton.customerSays("gift-2", "Do you accept gift cards as payment?");
        baton.customerSays("gift-2", "I want to talk to a human");
        browser = InboxBrowserTest.headless(1400, 1000);
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
    void should_send_an_edited_copilot_draft_and_turn_a_gap_into_a_knowledge_draft() throws Exception {
        WebDriverWait wait = waiting();
        signIn("bob");
        WebElement row = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.xpath("//tr[contains(@class,'ticket')][.//strong[text()='gift-2']]")));
        row.findElement(By.cssSelector("button.claim")).click();
        wait.until(ExpectedConditions.attributeToBe(By.id("state"), "data-state", "HUMAN"));

        // the copilot: ann's earlier answer to the same question, cited
        WebElement human = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#copilot .copilot-draft.human")));
        assertThat(textOf(By.id("copilot-for"))).contains("Do you accept gift cards as payment?");
        assertThat(human.findElement(By.cssSelector(".text")).getText()).isEqualTo(ANSWER);
        assertThat(human.findElement(By.cssSelector(".citations")).getText())
                .matches("(?s)Based on: reply by ann on \\d{4}-\\d{2}-\\d{2} to a similar question");
        assertThat(textOf(By.id("copilot"))).as("no raw value on the card").doesNotContain("null", "undefined");
        scrollTo(By.id("copilot"));
        shot("inbox-copilot-1-drafts");

        human.findElement(By.cssSelector("button.use-draft")).click();
        WebElement reply = browser.findElement(By.id("reply-text"));
        assertThat(reply.getAttribute("value")).isEqualTo(ANSWER);
        reply.sendKeys(" Sorry for the wait!");
        scrollTo(By.id("reply-text"));
        shot("inbox-copilot-2-edited");
        String sent = ANSWER + " Sorry for the wait!";
        assertThat(baton.anonymous().getJson("/api/dev/messages?customer=gift-2&after=0").toString())
                .as("nothing sent before the agent sends").doesNotContain("Payment at checkout");
        browser.findElement(By.id("reply-send")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("transcript"), "Sorry for the wait!"));
        shot("inbox-copilot-3-sent");
        JsonNode customerSees = baton.anonymous().getJson("/api/dev/messages?customer=gift-2&after=0");
        assertThat(customerSees.toString()).contains(sent);

        // the supervisor's knowledge gaps
        browser.findElement(By.id("logout")).click();
        wait.until(ExpectedConditions.urlContains("/inbox/login"));
        signIn("ann");
        browser.findElement(By.cssSelector("a[data-nav='knowledge-gaps']")).click();
        WebElement gap = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.xpath("//li[contains(@class,'gap')][.//h2[contains(.,'gift card')]]")));
        assertThat(gap.findElement(By.cssSelector(".volume")).getText()).isEqualTo("2 conversations");
        assertThat(gap.findElement(By.cssSelector(".rate")).getText()).isEqualTo("handoff rate 100%");
        assertThat(gap.findElement(By.cssSelector(".examples")).getText())
                .contains("Can I pay with a gift card?", "Do you accept gift cards as payment?");
        assertThat(gap.findElement(By.cssSelector(".answers")).getText()).contains(ANSWER, "by ann");
        assertThat(gap.findElement(By.cssSelector("textarea.gap-answer")).getAttribute("value")).isEqualTo(ANSWER);
        shot("inbox-gaps-1-page");

        gap.findElement(By.cssSelector("button.create-draft")).click();
        WebElement drafted = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.xpath("//li[contains(@class,'gap')][.//h2[contains(.,'gift card')]]//p[@class='drafted']")));
        assertThat(drafted.getText()).startsWith("Draft created: ");
        String name = drafted.getText().substring("Draft created: ".length());
        shot("inbox-gaps-2-drafted");
        browser.findElement(By.cssSelector("a[data-nav='drafts']")).click();
        WebElement draft = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("li.draft[data-name='" + name + "']")));
        assertThat(draft.getText()).contains("gift card", ANSWER);
        shot("inbox-gaps-3-in-drafts");

        browser.findElement(By.cssSelector("a[data-nav='knowledge-gaps']")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("li.gap")));
        browser.findElement(By.id("lang-switch")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("main h1"), "知识缺口"));
        WebElement zh = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.xpath("//li[contains(@class,'gap')][.//h2[contains(.,'gift card')]]")));
        assertThat(zh.findElement(By.cssSelector(".volume")).getText()).isEqualTo("2 个对话");
        assertThat(zh.findElement(By.cssSelector(".drafted")).getText()).startsWith("已生成草稿：");
        shot("inbox-gaps-4-zh");
    }

    private static void signIn(String name) {
        InboxBrowserTest.signIn(browser, baton.base(), name);
    }

    private static void scrollTo(By by) {
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                "arguments[0].scrollIntoView({block: 'center'})", browser.findElement(by));
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
