package dev.baton.app.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The widget outside business hours, in English: the customer taps "Talk to a person", hears the team is offline,
 * gets the leave-a-message form, and what they leave reaches the agents' queue as a callback with their contact
 * details. A wrong contact is refused with the reason and nothing is sent.
 */
class WebWidgetOffHoursBrowserTest {

    @TempDir
    static Path dir;
    static TestBaton baton;
    static ShopPage shop;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Files.isExecutable(InboxBrowserTest.CHROMIUM) && Files.isExecutable(InboxBrowserTest.CHROMEDRIVER),
                "needs /usr/bin/chromium and /usr/bin/chromedriver");
        shop = ShopPage.start();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String hours = "      hours:\n        time-zone: UTC\n        open: [\"mon-sun 09:00-18:00\"]\n"
                + "        holidays: [" + today.minusDays(1) + ", " + today + ", " + today.plusDays(1) + "]\n";
        String channels = "  web:\n    allowed-origins: [\"" + shop.origin() + "\"]\n";
        baton = TestBaton.start(dir, Map.of("HOURS", hours, "CHANNELS", channels));
        shop.serve(baton.base(), "en");
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
    void should_take_a_message_to_call_back_when_nobody_is_there() throws Exception {
        WebDriverWait wait = new WebDriverWait(shop.browser, Duration.ofSeconds(20));
        shop.browser.get(shop.origin() + "/");
        wait.until(d -> shop.widget() != null);
        shop.find(".launcher").click();
        assertThat(shop.text(".head .title")).isEqualTo("Support");
        shop.find(".human").click();
        wait.until(d -> shop.find(".card.form") != null);
        assertThat(shop.text(".card.form")).contains("offline");

        shop.find(".card.form input").sendKeys("Li Lei");
        shop.widget().findElements(org.openqa.selenium.By.cssSelector(".card.form input")).get(1)
                .sendKeys("not a phone");
        shop.find(".card.form textarea").sendKeys("My refund has not arrived, please call me.");
        shop.find(".card.form .go").click();
        wait.until(d -> shop.text(".card.form .err").contains("Please enter a phone number or an e-mail address"));
        assertThat(shop.text(".banner")).contains("offline").doesNotContain("number 1");

        var contact = shop.widget().findElements(org.openqa.selenium.By.cssSelector(".card.form input")).get(1);
        contact.clear();
        contact.sendKeys("+86 138 0013 8000");
        shop.shot("web-09-offline-leave-a-message");
        shop.find(".card.form .go").click();
        wait.until(d -> shop.text(".card.form").contains("we will get back to you"));
        shop.shot("web-10-message-left");

        JsonNode queue = baton.token("ann").getJson("/api/queue");
        long conv = 0;
        for (JsonNode item : queue.path("items")) {
            if (item.toString().contains("visitor:")) {
                conv = item.path("conversationId").asLong();
            }
        }
        JsonNode view = baton.token("ann").getJson("/api/conversations/" + conv);
        assertThat(view.path("transcript").toString())
                .contains("Li Lei · +86 138 0013 8000 · My refund has not arrived, please call me.");
    }
}
