package dev.baton.app.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Off-hours: the customer hears when the team is back; queued too long: the customer gets the fallback. */
class RoutingAndTimeoutTest {

    @TempDir
    static Path dir;
    static TestBaton baton;

    @BeforeAll
    static void start() throws Exception {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String hours = "      hours:\n        time-zone: UTC\n        open: [\"mon-sun 09:00-18:00\"]\n"
                + "        holidays: [" + today.minusDays(1) + ", " + today + ", " + today.plusDays(1) + "]\n";
        baton = TestBaton.start(dir, Map.of("HOURS", hours, "QUEUE_TIMEOUT", "2s"));
    }

    @AfterAll
    static void stop() {
        baton.close();
    }

    @Test
    void should_tell_the_customer_what_happens_next_outside_business_hours() {
        String who = "night-" + System.nanoTime();
        JsonNode r = baton.customerSays(who, "I want a human");
        assertThat(r.path("state").asText()).isEqualTo("QUEUED");
        String closedDay = LocalDate.now(ZoneOffset.UTC).plusDays(2).getDayOfWeek()
                .getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.ENGLISH);
        await().atMost(Duration.ofSeconds(10)).until(() -> texts(who).contains("offline right now"));
        assertThat(texts(who)).contains("open again (" + closedDay).contains("09:00 (UTC)")
                .as("no promise of a wait of minutes while nobody is there").doesNotContain("expected wait");
        JsonNode team = baton.token("t").getJson("/api/team");
        assertThat(team.path("groups").get(0).path("open").asBoolean()).isFalse();
    }

    @Test
    void should_offer_the_fallback_when_queued_too_long() {
        String who = "patient-" + System.nanoTime();
        baton.customerSays(who, "I want a human");
        await().atMost(Duration.ofSeconds(15)).until(() -> texts(who).contains("Leave a message here"));
        JsonNode item = null;
        for (JsonNode i : baton.token("t").getJson("/api/queue").path("items")) {
            if (i.path("customer").path("name").asText().equals(who)) {
                item = i;
            }
        }
        assertThat(item).isNotNull();
        assertThat(item.path("timedOut").asBoolean()).isTrue();
        assertThat(item.path("status").asText()).as("the ticket stays in the queue").isEqualTo("open");
    }

    private static String texts(String customer) {
        StringBuilder sb = new StringBuilder();
        baton.anonymous().getJson("/api/dev/messages?customer=" + customer + "&after=0").path("replies")
                .forEach(r -> sb.append(r.path("text").asText()).append('\n'));
        return sb.toString();
    }
}
