package dev.baton.inbox.analytics;

import dev.baton.core.store.Database;
import dev.baton.inbox.desk.DeskLabels;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Each measure of the desk's analytics on a known data set ({@link ShiftData}): containment with a customer back
 * within 24 h and one still pending, p50/p90 of first response and resolution (takeovers left out), CSAT average,
 * distribution, response rate and its breakdowns, dense day and week rows, the filters, labels in zh and en.
 */
class DeskAnalyticsTest {

    static Database db;
    static DeskAnalytics analytics;

    @BeforeAll
    static void seed() {
        db = Database.open("jdbc:h2:mem:analytics-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", null, null, 2);
        new ShiftData(db).seed();
        analytics = analytics(db);
    }

    static DeskAnalytics analytics(Database db) {
        return new DeskAnalytics(db, new DeskLabels("en", Map.of()), Clock.fixed(ShiftData.NOW, ZoneOffset.UTC),
                List.of("support", "billing"), List.of("ann", "bob", "cleo"));
    }

    @AfterAll
    static void close() {
        db.close();
    }

    static ReportQuery range(String channel, String group, String agent, String language) {
        return new ReportQuery(ShiftData.FROM, ShiftData.TO, ZoneOffset.UTC, channel, group, agent, language);
    }

    @Test
    void should_count_handoffs_and_their_reasons_with_labels() {
        DeskReport r = analytics.report(range(null, null, null, null));
        assertThat(r.overview().conversations()).as("A B C D H I E F G; Z wrote only outside the range").isEqualTo(9);
        assertThat(r.overview().handoffs()).isEqualTo(5);
        assertThat(r.overview().handoffRate()).isEqualTo(0.556);
        assertThat(r.reasons()).extracting(DeskReport.ReasonRow::code, DeskReport.ReasonRow::label,
                DeskReport.ReasonRow::handoffs, DeskReport.ReasonRow::share).startsWith(
                tuple("explicit_request", "asked for a person", 2L, 0.4));
        assertThat(r.reasons()).extracting(DeskReport.ReasonRow::code).containsExactlyInAnyOrder("explicit_request",
                "negative_sentiment", "knowledge_miss", "button", "agent_takeover");

        DeskReport zh = analytics.report(range(null, null, null, "zh"));
        assertThat(zh.reasons()).extracting(DeskReport.ReasonRow::label).contains("客户要求人工", "情绪激动",
                "机器人答不上来", "点了转人工按钮", "客服主动接管");
        assertThat(zh.csat().byReason()).extracting(DeskReport.CsatRow::label)
                .as("one rating each: by code").containsExactly("点了转人工按钮", "客户要求人工", "情绪激动");
    }

    @Test
    void should_count_a_contact_as_contained_only_when_the_customer_did_not_come_back_within_24_hours() {
        DeskReport.Containment c = analytics.report(range(null, null, null, null)).overview().containment();
        assertThat(c.contacts()).as("B's two contacts count apart; ratings are not contacts").isEqualTo(10);
        assertThat(c.handled()).as("C D H E F").isEqualTo(5);
        assertThat(c.returned()).as("B came back 22 h later").isEqualTo(1);
        assertThat(c.pending()).as("G wrote 12 h before now").isEqualTo(1);
        assertThat(c.contained()).as("A, B's second contact, I").isEqualTo(3);
        assertThat(c.rate()).isEqualTo(0.333);
    }

    @Test
    void should_give_p50_and_p90_of_first_response_and_resolution_without_takeovers() {
        DeskReport.Overview o = analytics.report(range(null, null, null, null)).overview();
        assertThat(o.firstResponse()).isEqualTo(new Analytics.Percentiles(240L, 1200L, 3));
        assertThat(o.resolution()).as("H was returned to the bot, F a takeover")
                .isEqualTo(new Analytics.Percentiles(1740L, 3600L, 3));
    }

    @Test
    void should_report_csat_average_distribution_response_rate_and_breakdowns() {
        DeskReport r = analytics.report(range(null, null, null, null));
        DeskReport.CsatSummary s = r.overview().csat();
        assertThat(s.ratings()).as("E's second rating replaces the first").isEqualTo(3);
        assertThat(s.average()).isEqualTo(3.67);
        assertThat(s.distribution()).containsExactly(0L, 1L, 0L, 1L, 1L);
        assertThat(s.eligible()).as("C D E F resolved by a person; H returned").isEqualTo(4);
        assertThat(s.responseRate()).isEqualTo(0.75);
        assertThat(r.csat().byAgent()).extracting(DeskReport.CsatRow::key, DeskReport.CsatRow::ratings,
                DeskReport.CsatRow::average).containsExactly(tuple("bob", 2L, 4.5), tuple("cleo", 1L, 2.0),
                tuple("ann", 0L, null));
        assertThat(r.csat().byGroup()).extracting(DeskReport.CsatRow::key, DeskReport.CsatRow::average)
                .containsExactly(tuple("support", 4.5), tuple("billing", 2.0));
        assertThat(r.csat().byReason()).extracting(DeskReport.CsatRow::key, DeskReport.CsatRow::average)
                .containsExactly(tuple("button", 4.0), tuple("explicit_request", 5.0),
                        tuple("negative_sentiment", 2.0));
        assertThat(r.csat().byChannel()).extracting(DeskReport.CsatRow::key, DeskReport.CsatRow::average)
                .containsExactly(tuple("web", 3.5), tuple("dev", 4.0));
    }

    @Test
    void should_give_every_day_and_week_of_the_range_a_row() {
        DeskReport r = analytics.report(range(null, null, null, null));
        assertThat(r.daily()).hasSize(9);
        assertThat(r.daily()).extracting(DeskReport.PeriodRow::conversations)
                .containsExactly(2L, 2L, 1L, 1L, 0L, 0L, 1L, 1L, 2L);
        assertThat(r.daily()).extracting(DeskReport.PeriodRow::handoffs)
                .containsExactly(0L, 1L, 1L, 1L, 0L, 0L, 0L, 1L, 1L);
        assertThat(r.daily().get(0)).extracting(DeskReport.PeriodRow::contained, DeskReport.PeriodRow::decided)
                .containsExactly(1L, 2L);
        assertThat(r.weekly()).extracting(DeskReport.PeriodRow::start, DeskReport.PeriodRow::conversations,
                DeskReport.PeriodRow::handoffs, DeskReport.PeriodRow::contained, DeskReport.PeriodRow::decided,
                DeskReport.PeriodRow::ratings, DeskReport.PeriodRow::csatAverage).containsExactly(
                tuple(LocalDate.of(2026, 3, 2), 6L, 3L, 3L, 7L, 2L, 3.5),
                tuple(LocalDate.of(2026, 3, 9), 3L, 2L, 0L, 2L, 1L, 4.0));
    }

    @Test
    void should_cut_days_and_weeks_in_the_asked_time_zone() {
        DeskReport r = analytics.report(new ReportQuery(ShiftData.FROM, ShiftData.TO, ZoneId.of("Asia/Shanghai"),
                null, null, null, null));
        assertThat(r.daily()).filteredOn(p -> p.start().equals(LocalDate.of(2026, 3, 9))).singleElement()
                .as("I wrote at Monday 01:00 in Shanghai, E at 18:00").extracting(DeskReport.PeriodRow::conversations)
                .isEqualTo(2L);
        assertThat(r.weekly()).extracting(DeskReport.PeriodRow::conversations).containsExactly(5L, 3L);
    }

    @Test
    void should_narrow_by_channel_group_and_agent() {
        DeskReport web = analytics.report(range("web", null, null, null));
        assertThat(web.overview().conversations()).isEqualTo(2);
        assertThat(web.overview().handoffRate()).isEqualTo(1.0);
        assertThat(web.overview().csat().average()).isEqualTo(3.5);
        assertThat(web.byChannel()).extracting(DeskReport.BreakdownRow::key).containsExactly("web");
        assertThat(web.options().channels()).as("the filter still offers every channel").contains("dev", "web");

        DeskReport billing = analytics.report(range(null, "billing", null, null));
        assertThat(billing.overview().handoffs()).isEqualTo(1);
        assertThat(billing.overview().firstResponse().p50()).isEqualTo(1200L);
        assertThat(billing.overview().csat().average()).isEqualTo(2.0);

        DeskReport bob = analytics.report(range(null, null, "bob", null));
        assertThat(bob.overview().handoffs()).as("C, E and the takeover of F").isEqualTo(3);
        assertThat(bob.overview().csat().distribution()).containsExactly(0L, 0L, 0L, 1L, 1L);

        DeskReport all = analytics.report(range(null, null, null, null));
        assertThat(all.byAgent()).extracting(DeskReport.BreakdownRow::key, DeskReport.BreakdownRow::handoffs)
                .containsExactly(tuple("ann", 0L), tuple("bob", 3L), tuple("cleo", 1L));
        assertThat(all.byChannel()).extracting(DeskReport.BreakdownRow::key, DeskReport.BreakdownRow::conversations,
                DeskReport.BreakdownRow::containmentRate).containsExactly(tuple("dev", 7L, 0.429), tuple("web", 2L, 0.0));
    }

    @Test
    void should_render_each_table_as_csv() {
        DeskReport r = analytics.report(range(null, null, null, "zh"));
        String reasons = ReportCsv.render(r, ReportCsv.Table.REASONS);
        assertThat(reasons.split("\r\n")).startsWith("reason,label,handoffs,share_of_handoffs,rate_of_conversations",
                "explicit_request,客户要求人工,2,0.4,0.222");
        assertThat(ReportCsv.render(r, ReportCsv.Table.WEEKLY).split("\r\n")).containsExactly(
                "week_starting,conversations,handoffs,contained,decided_contacts,ratings,csat_average",
                "2026-03-02,6,3,3,7,2,3.5", "2026-03-09,3,2,0,2,1,4.0");
        assertThat(ReportCsv.render(r, ReportCsv.Table.CSAT_AGENTS).split("\r\n")).contains(
                "bob,bob,2,4.5,0,0,0,1,1", "ann,ann,0,,0,0,0,0,0");
        assertThat(ReportCsv.cell("a, \"b\"")).isEqualTo("\"a, \"\"b\"\"\"");
        assertThat(ReportCsv.cell("=HYPERLINK(1)")).as("no formula in a spreadsheet").isEqualTo("'=HYPERLINK(1)");
    }
}
