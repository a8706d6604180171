package dev.baton.app.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The agent who takes over sees what the look-ups found: the conversation page's Look-ups card and the summary, in a
 * real browser (headless chromium), on a Chinese desk: the look-up and its outcome as labels, never their codes. The shop's API is WireMock. Skipped when chromium is missing.
 */
class LookupsBrowserTest {

    @TempDir
    static Path dir;
    static WireMockServer shop;
    static TestBaton baton;
    static WebDriver browser;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Files.isExecutable(InboxBrowserTest.CHROMIUM) && Files.isExecutable(InboxBrowserTest.CHROMEDRIVER),
                "needs /usr/bin/chromium and /usr/bin/chromedriver");
        shop = new WireMockServer(options().dynamicPort());
        shop.start();
        shop.stubFor(get(urlEqualTo("/orders/20251120-8891")).willReturn(okJson("{\"status_text\":\"已发货\","
                + "\"carrier\":\"顺丰速运\",\"tracking_no\":\"SF1234567890\",\"eta\":\"12-05\"}")));
        baton = TestBaton.start(dir, Map.of("INBOX", "  language: zh", "LOOKUPS", """
                lookups:
                  - name: order_status
                    examples: [我的订单到哪了, '订单 {order} 发货了吗', where is my order]
                    params:
                      order: { pattern: '\\d{8}-\\d{4}', ask: { zh: 请提供订单号, en: "What is your order number?" } }
                    request: { url: '%s/orders/{order}', timeout: 2s }
                    answer: { zh: '订单 {order}：{$.status_text}，{$.carrier} {$.tracking_no}，预计 {$.eta} 送达。',
                              en: 'Order {order}: {$.status_text}' }
                """.formatted(shop.baseUrl())));
        ChromeOptions chrome = new ChromeOptions();
        chrome.setBinary(InboxBrowserTest.CHROMIUM.toFile());
        chrome.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1400,1000");
        browser = new ChromeDriver(new ChromeDriverService.Builder()
                .usingDriverExecutable(InboxBrowserTest.CHROMEDRIVER.toFile()).usingAnyFreePort().build(), chrome);
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
        if (shop != null) {
            shop.stop();
        }
    }

    @Test
    void should_show_the_look_up_results_to_the_agent_who_takes_over() throws Exception {
        String customer = "browser-order-" + System.nanoTime();
        baton.customerSays(customer, "我的订单 20251120-8891 到哪了");
        JsonNode handoff = baton.customerSays(customer, "转人工");
        long conv = handoff.path("conversationId").asLong();

        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        InboxBrowserTest.signIn(browser, baton.base(), "ann");
        browser.get(baton.base() + "/inbox/conversations/" + conv);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("lookups"),
                "订单 20251120-8891：已发货，顺丰速运 SF1234567890，预计 12-05 送达。"));

        assertThat(browser.findElement(By.id("lookups")).getText()).as("the look-up and its outcome as agents read "
                + "them, in the desk's language").contains("业务查询").contains("订单状态 · 已查到").doesNotContain("order_status")
                .doesNotContain("found");
        assertThat(browser.findElement(By.id("summary")).getText()).contains("查询结果");
        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, InboxBrowserTest.SHOTS.resolve("lookups-conversation.png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
