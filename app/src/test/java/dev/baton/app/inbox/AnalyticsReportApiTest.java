package dev.baton.app.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.core.conversation.HandoffReason;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The analytics report and its CSV tables through the REST API: supervisors only (an agent gets 403, nobody signed in
 * 401), a known day's numbers, the CSV's content type, file name and rows, labels in the caller's language, and clear
 * 400s for a bad range, zone or table.
 */
class AnalyticsReportApiTest {

    @TempDir
    static Path dir;
    static TestBaton baton;
    static String day;

    @BeforeAll
    static void start() throws Exception {
        baton = TestBaton.start(dir, Map.of());
        AnalyticsSeed seed = new AnalyticsSeed(baton.runtime.engine().store(), Clock.systemUTC());
        // two days ago (UTC): one customer the bot served, one handed off who bob answered in 2 min, solved in
        // 10 min, and who rated 4
        seed.botOnly("dev", seed.at(2, 9, 0));
        seed.handoff("web", seed.at(2, 10, 0), HandoffReason.EXPLICIT_REQUEST, "support", "bob",
                Duration.ofMinutes(2), Duration.ofMinutes(10), 4);
        day = LocalDate.now(ZoneOffset.UTC).minusDays(2).toString();
    }

    @AfterAll
    static void stop() {
        baton.close();
    }

    private static String range() {
        return "?from=" + day + "&to=" + day + "&tz=UTC";
    }

    @Test
    void should_answer_only_supervisors() {
        assertThat(baton.anonymous().getStatus("/api/analytics/report").status()).isEqualTo(401);
        assertThat(baton.anonymous().get("/api/analytics/csv/reasons").statusCode()).isEqualTo(401);
        TestBaton.Client bob = baton.login("bob");
        assertThat(bob.getStatus("/api/analytics/report").status()).isEqualTo(403);
        assertThat(bob.get("/api/analytics/csv/reasons" + range()).statusCode()).isEqualTo(403);
        assertThat(baton.login("ann").getStatus("/api/analytics/report").status()).isEqualTo(200);
    }

    @Test
    void should_report_a_known_day() {
        JsonNode r = baton.login("ann").getJson("/api/analytics/report" + range());
        JsonNode o = r.path("overview");
        assertThat(o.path("conversations").asLong()).isEqualTo(2);
        assertThat(o.path("handoffs").asLong()).isEqualTo(1);
        assertThat(o.path("handoffRate").asDouble()).isEqualTo(0.5);
        assertThat(o.path("containment").path("contained").asLong()).isEqualTo(1);
        assertThat(o.path("containment").path("rate").asDouble()).isEqualTo(0.5);
        assertThat(o.path("firstResponse").path("p50").asLong()).isEqualTo(120);
        assertThat(o.path("resolution").path("p90").asLong()).isEqualTo(600);
        assertThat(o.path("csat").path("average").asDouble()).isEqualTo(4.0);
        assertThat(o.path("csat").path("responseRate").asDouble()).isEqualTo(1.0);
        assertThat(r.path("reasons").get(0).path("label").asText()).isEqualTo("asked for a person");
        assertThat(r.path("daily")).hasSize(1);
        assertThat(r.path("csat").path("byAgent").findValuesAsText("key")).contains("bob", "ann");
        assertThat(baton.login("ann").getJson("/api/analytics/report" + range() + "&channel=dev")
                .path("overview").path("handoffs").asLong()).as("the handoff was on the web chat").isZero();
    }

    @Test
    void should_export_each_table_as_csv() {
        TestBaton.Client ann = baton.login("ann");
        HttpResponse<String> csv = ann.get("/api/analytics/csv/reasons" + range());
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv").contains("utf-8");
        assertThat(csv.headers().firstValue("Content-Disposition").orElse(""))
                .isEqualTo("attachment; filename=\"baton-reasons-" + day + "-" + day + ".csv\"");
        assertThat(csv.body().replace("\uFEFF", "").split("\r\n")).containsExactly(
                "reason,label,handoffs,share_of_handoffs,rate_of_conversations",
                "explicit_request,asked for a person,1,1.0,0.5");
        HttpResponse<String> agents = ann.get("/api/analytics/csv/csat-agents" + range());
        assertThat(agents.body()).contains("bob,bob,1,4.0,0,0,0,1,0");
        for (String table : new String[] {"daily", "weekly", "channels", "groups", "agents", "csat-groups",
                "csat-reasons", "csat-channels"}) {
            assertThat(ann.get("/api/analytics/csv/" + table + range()).statusCode()).as(table).isEqualTo(200);
        }
        HttpResponse<String> zh = ann.send(ann.request("/api/analytics/csv/reasons" + range())
                .header("Cookie", "baton-lang=zh").GET().build());
        assertThat(zh.body()).as("labels in the agent's language").contains("explicit_request,客户要求人工,1");
    }

    @Test
    void should_refuse_a_bad_range_zone_or_table() {
        TestBaton.Client ann = baton.login("ann");
        assertThat(ann.getStatus("/api/analytics/report?from=2026-03-10&to=2026-03-01").status()).isEqualTo(400);
        assertThat(ann.getStatus("/api/analytics/report?from=2024-01-01&to=2026-01-01").status()).isEqualTo(400);
        assertThat(ann.getStatus("/api/analytics/report?from=yesterday").status()).isEqualTo(400);
        assertThat(ann.getStatus("/api/analytics/report?tz=Mars/Olympus").status()).isEqualTo(400);
        assertThat(ann.getStatus("/api/analytics/report?days=0").status()).isEqualTo(400);
        assertThat(ann.getStatus("/api/analytics/csv/everything").status()).isEqualTo(404);
    }
}
