package dev.baton.inbox.analytics;

import dev.baton.core.conversation.HandoffReason;

import dev.baton.core.store.Database;
import dev.baton.core.store.Store;
import dev.baton.core.store.TicketRepository;
import dev.baton.inbox.desk.DeskLabels;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Handoff analytics over a period: handoff rate (overall and by reason), bot-resolved rate, time to first human
 * reply, queue wait p50/p90, approved knowledge drafts, and the conversations a business look-up settled. Computed from the ticket table on demand. An agent's
 * takeover ({@code agent_takeover}) counts as a handoff with its reason, but not in the two times: it never waited.
 */
public final class Analytics {

    /**
     * The numbers for one period. Rates are 0..1; times are seconds (null when there is no data).
     *
     * @param conversations     conversations in which a customer wrote during the period
     * @param handoffs          tickets opened
     * @param handoffRate       conversations handed off / conversations
     * @param byReason          reason code → {count, rate}
     * @param botResolvedRate   conversations the bot handled alone / conversations
     * @param firstHumanReply   p50 and p90 of ticket opened → first human reply (takeovers left out)
     * @param queueWait         p50 and p90 of ticket opened → claimed (takeovers left out)
     * @param draftsApproved    knowledge drafts approved
     * @param handoffsPerDay    date → tickets opened (UTC)
     * @param lookupSettled     conversations in which a business look-up answered the customer (the record, or that
     *                          there is none) and that were not handed off
     * @param reasonLabels      reason code (of {@code byReason}) → the reason as agents read it, in the desk's language
     */
    public record Report(Instant from, Instant to, long conversations, long handoffs, double handoffRate,
                         Map<String, ReasonCount> byReason, double botResolvedRate, Percentiles firstHumanReply,
                         Percentiles queueWait, long draftsApproved, Map<String, Long> handoffsPerDay,
                         long lookupSettled, Map<String, String> reasonLabels) {
    }

    /** One reason's share. */
    public record ReasonCount(long count, double rate) {
    }

    /** p50/p90 in seconds, and how many samples. */
    public record Percentiles(Long p50, Long p90, int samples) {
    }

    private final Store store;
    private final DeskLabels labels;
    private final Clock clock;

    public Analytics(Store store, DeskLabels labels, Clock clock) {
        this.store = store;
        this.labels = labels;
        this.clock = clock;
    }

    public Report report(Duration period) {
        return report(period, null);
    }

    /** As {@link #report(Duration)}, with the reason labels in {@code language} (the agent's choice; null: the desk's). */
    public Report report(Duration period, String language) {
        DeskLabels labels = this.labels.in(language);
        Instant to = clock.instant();
        Instant from = to.minus(period);
        Database db = store.db();
        List<TicketRepository.Row> tickets = db.withConnection(c -> store.tickets().since(c, from));
        long conversations = db.withConnection(c -> count(c, "SELECT COUNT(DISTINCT conversation_id) FROM messages "
                + "WHERE author = 'CUSTOMER' AND created_at >= ?", from));
        long drafts = db.withConnection(c -> count(c, "SELECT COUNT(*) FROM kv_state WHERE k LIKE 'draft-approved/%' "
                + "AND updated_at >= ?", from));
        Set<Long> handedOff = new HashSet<>();
        Map<String, Long> reasons = new TreeMap<>();
        Map<String, Long> perDay = new TreeMap<>();
        List<Long> firstReply = new ArrayList<>();
        List<Long> wait = new ArrayList<>();
        for (TicketRepository.Row t : tickets) {
            handedOff.add(t.conversationId());
            for (HandoffReason r : t.reasons()) {
                reasons.merge(r.code(), 1L, Long::sum);
            }
            perDay.merge(LocalDate.ofInstant(t.createdAt(), ZoneOffset.UTC).toString(), 1L, Long::sum);
            if (takeover(t)) {
                continue; // never queued, and opened by its first human reply: both times would read 0
            }
            if (t.firstHumanReplyAt() != null) {
                firstReply.add(Duration.between(t.createdAt(), t.firstHumanReplyAt()).toSeconds());
            }
            if (t.claimedAt() != null) {
                wait.add(Duration.between(t.createdAt(), t.claimedAt()).toSeconds());
            }
        }
        Set<Long> settled = new HashSet<>(db.withConnection(c -> store.messages().answeredByLookups(c, from)));
        settled.removeAll(handedOff);
        long base = Math.max(conversations, handedOff.size());
        Map<String, ReasonCount> byReason = new LinkedHashMap<>();
        reasons.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> byReason.put(e.getKey(), new ReasonCount(e.getValue(), rate(e.getValue(), base))));
        Map<String, String> reasonLabels = new LinkedHashMap<>();
        byReason.keySet().forEach(code -> reasonLabels.put(code, labels.reason(code)));
        return new Report(from, to, base, tickets.size(), rate(handedOff.size(), base), byReason,
                base == 0 ? 0 : rate(base - handedOff.size(), base), percentiles(firstReply), percentiles(wait),
                drafts, perDay, settled.size(), reasonLabels);
    }

    /** A ticket an agent opened by taking the conversation from the bot ({@code agent_takeover} first). */
    private static boolean takeover(TicketRepository.Row t) {
        return !t.reasons().isEmpty() && t.reasons().get(0) == HandoffReason.AGENT_TAKEOVER;
    }

    static Percentiles percentiles(List<Long> values) {
        if (values.isEmpty()) {
            return new Percentiles(null, null, 0);
        }
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return new Percentiles(nearestRank(sorted, 0.5), nearestRank(sorted, 0.9), sorted.size());
    }

    private static long nearestRank(List<Long> sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    private static double rate(long part, long whole) {
        return whole == 0 ? 0 : Math.round(1000.0 * part / whole) / 1000.0;
    }

    private static long count(java.sql.Connection c, String sql, Instant from) throws java.sql.SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }
}
