package dev.baton.inbox.analytics;

import java.time.LocalDate;
import java.util.List;

/**
 * The analytics of a {@link ReportQuery}, as the page draws them and the API returns them. Rates are 0..1 with three
 * decimals, times seconds, averages two decimals; a measure without data is null (the page says "no data yet"), never
 * a made-up zero. Codes (reasons, channels) stay next to their labels, which are in the caller's language.
 *
 * @param range     what was asked
 * @param overview  the headline numbers
 * @param reasons   handoffs by reason, most frequent first
 * @param daily     one row per day of the range, days without data included (zeros)
 * @param weekly    one row per week (Monday first) the range touches
 * @param byChannel one row per channel with conversations or tickets
 * @param byGroup   one row per group (configured ones always, with zeros)
 * @param byAgent   one row per agent (configured ones always, with zeros)
 * @param csat      satisfaction: the summary and its breakdowns
 * @param options   what the filters offer
 */
public record DeskReport(Range range, Overview overview, List<ReasonRow> reasons, List<PeriodRow> daily,
                         List<PeriodRow> weekly, List<BreakdownRow> byChannel, List<BreakdownRow> byGroup,
                         List<BreakdownRow> byAgent, Csat csat, Options options) {

    /** The query, echoed: dates, zone and filters (null: all). */
    public record Range(LocalDate from, LocalDate to, String zone, String channel, String group, String agent) {
    }

    /**
     * The headline numbers.
     *
     * @param conversations    conversations in which the customer wrote during the range
     * @param handoffs         tickets opened in the range (takeovers included)
     * @param handoffRate      conversations handed off / conversations
     * @param containment      the bot's contained contacts
     * @param firstResponse    ticket opened → first human reply, takeovers left out
     * @param resolution       ticket opened → resolved by a person, takeovers left out
     * @param draftsApproved   knowledge drafts approved in the range (not narrowed by the filters)
     */
    public record Overview(long conversations, long handoffs, double handoffRate, Containment containment,
                           Analytics.Percentiles firstResponse, Analytics.Percentiles resolution,
                           CsatSummary csat, long draftsApproved) {
    }

    /**
     * Contacts (see {@link Contacts}) that started in the range and what became of them.
     *
     * @param rate contained / (contacts − pending); null when none is decided yet
     */
    public record Containment(long contacts, long handled, long returned, long contained, long pending, Double rate) {
    }

    /** One handoff reason: tickets with it, their share of all handoffs, and the rate over conversations. */
    public record ReasonRow(String code, String label, long handoffs, double share, double rate) {
    }

    /**
     * One day or week.
     *
     * @param start       the day, or the Monday of the week
     * @param contained   contacts that started then and the bot contained
     * @param decided     contacts that started then and are not pending (containment's denominator)
     * @param csatAverage null without ratings
     */
    public record PeriodRow(LocalDate start, long conversations, long handoffs, long contained, long decided,
                            long ratings, Double csatAverage) {
    }

    /**
     * One channel, group or agent. {@code conversations}, {@code handoffRate} and {@code containmentRate} are only
     * for channels (a group or an agent has no bot conversations): null otherwise.
     */
    public record BreakdownRow(String key, String label, Long conversations, long handoffs, Double handoffRate,
                               Double containmentRate, Analytics.Percentiles firstResponse,
                               Analytics.Percentiles resolution, long ratings, Double csatAverage) {
    }

    /**
     * Satisfaction over the ratings given in the range (a ticket rated twice counts its last rating).
     *
     * @param distribution how many ratings of 1, 2, 3, 4 and 5
     * @param eligible     tickets resolved by a person in the range (resolved, not returned, after a human reply)
     * @param rated        of those, the ones rated
     * @param responseRate rated / eligible; null without eligible tickets
     */
    public record CsatSummary(long ratings, Double average, List<Long> distribution, long eligible, long rated,
                              Double responseRate) {
    }

    /** One agent, group, reason or channel of the CSAT report. */
    public record CsatRow(String key, String label, long ratings, Double average, List<Long> distribution) {
    }

    /** The CSAT summary and its breakdowns. */
    public record Csat(CsatSummary summary, List<CsatRow> byAgent, List<CsatRow> byGroup, List<CsatRow> byReason,
                       List<CsatRow> byChannel) {
    }

    /** The values the channel, group and agent filters offer. */
    public record Options(List<String> channels, List<String> groups, List<String> agents) {
    }
}
