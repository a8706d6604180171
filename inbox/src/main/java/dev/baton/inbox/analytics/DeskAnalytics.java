package dev.baton.inbox.analytics;

import dev.baton.core.conversation.HandoffReason;
import dev.baton.core.store.Database;
import dev.baton.inbox.desk.DeskLabels;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The desk's analytics for a {@link ReportQuery}: handoff rate and reasons (labelled), the bot's containment
 * ({@link Contacts}), first response and resolution times of the tickets (p50/p90), CSAT (average, distribution,
 * response rate; by agent, group, reason and channel), per-day and per-week rows, and breakdowns per channel, group
 * and agent. Read on demand from the tickets, the customers' messages and {@code csat_ratings}, each bounded by the
 * range (plus a day before it, to see where a contact began, and a day after, to see a customer come back).
 */
public final class DeskAnalytics {

    private final Facts facts;
    private final DeskLabels labels;
    private final Clock clock;
    private final List<String> groups;
    private final List<String> agents;

    /**
     * @param groups the configured groups (each gets a row, with zeros when quiet)
     * @param agents the configured agents' names (likewise)
     */
    public DeskAnalytics(Database db, DeskLabels labels, Clock clock, List<String> groups, List<String> agents) {
        this.facts = new Facts(db);
        this.labels = labels;
        this.clock = clock;
        this.groups = List.copyOf(groups);
        this.agents = List.copyOf(agents);
    }

    public DeskReport report(ReportQuery q) {
        DeskLabels words = labels.in(q.language());
        Instant start = q.start();
        Instant end = q.end();
        Instant now = clock.instant();
        Instant loadStart = start.minus(Duration.ofDays(1));
        Instant loadEnd = min(end.plus(Contacts.RETURN), now);
        if (loadEnd.isBefore(loadStart)) {
            loadEnd = loadStart;
        }
        List<Facts.Ticket> allTickets = facts.tickets(loadStart, loadEnd).stream()
                .filter(t -> q.keepsChannel(t.channel())).toList();
        Map<Long, List<Facts.Ticket>> byConversation = allTickets.stream()
                .collect(Collectors.groupingBy(Facts.Ticket::conversationId));

        Series daily = Series.daily(q);
        Series weekly = Series.weekly(q);
        Contacts contacts = new Contacts(byConversation, now);
        Map<String, Set<Long>> conversationsByChannel = new TreeMap<>();
        facts.customerMessages(loadStart, loadEnd, m -> {
            if (!q.keepsChannel(m.channel())) {
                return;
            }
            contacts.accept(m);
            if (!m.at().isBefore(start) && m.at().isBefore(end)) {
                conversationsByChannel.computeIfAbsent(m.channel(), k -> new HashSet<>()).add(m.conversationId());
                daily.conversation(m.at(), m.conversationId());
                weekly.conversation(m.at(), m.conversationId());
            }
        });
        List<Contacts.Contact> inRange = contacts.contacts().stream()
                .filter(c -> !c.start().isBefore(start) && c.start().isBefore(end)).toList();
        inRange.forEach(daily::contact);
        inRange.forEach(weekly::contact);

        Predicate<Instant> within = t -> t != null && !t.isBefore(start) && t.isBefore(end);
        List<Facts.Ticket> handoffs = allTickets.stream().filter(t -> within.test(t.createdAt()))
                .filter(t -> q.keepsTicket(t.group(), t.agent())).toList();
        handoffs.forEach(t -> daily.handoff(t.createdAt()));
        handoffs.forEach(t -> weekly.handoff(t.createdAt()));
        List<Facts.Ticket> resolved = allTickets.stream().filter(Facts.Ticket::resolvedByPerson)
                .filter(t -> within.test(t.resolvedAt())).filter(t -> q.keepsTicket(t.group(), t.agent())).toList();

        List<Facts.Rating> ratings = lastPerTicket(facts.ratings(start, end)).stream()
                .filter(r -> q.keepsChannel(r.channel())).filter(r -> q.keepsTicket(r.group(), r.agent())).toList();
        ratings.forEach(daily::rating);
        ratings.forEach(weekly::rating);
        Set<Long> rated = facts.ratedTickets(start);

        long conversations = conversationsByChannel.values().stream().mapToLong(Set::size).sum();
        Set<Long> handedOff = handoffs.stream().map(Facts.Ticket::conversationId).collect(Collectors.toSet());
        long base = Math.max(conversations, handedOff.size());
        DeskReport.CsatSummary csat = csatSummary(ratings, resolved, rated);
        DeskReport.Overview overview = new DeskReport.Overview(conversations, handoffs.size(),
                Measures.rate(handedOff.size(), base), containment(inRange), Measures.firstResponse(handoffs),
                Measures.resolution(resolved), csat, facts.draftsApproved(start, end));

        Function<String, String> reasonLabel = words::reason;
        DeskReport.Csat csatReport = new DeskReport.Csat(csat,
                Measures.csatBy(ratings, Facts.Rating::agent, agentsShown(q), a -> a),
                Measures.csatBy(ratings, Facts.Rating::group, groupsShown(q), g -> g),
                Measures.csatBy(ratings, Facts.Rating::reason, List.of(), reasonLabel),
                Measures.csatBy(ratings, Facts.Rating::channel, List.of(), c -> c));
        return new DeskReport(new DeskReport.Range(q.from(), q.to(), q.zone().getId(), q.channel(), q.group(),
                q.agent()), overview, reasons(handoffs, base, words), daily.rows(), weekly.rows(),
                byChannel(conversationsByChannel, inRange, handoffs, resolved, ratings),
                byKey(groupsShown(q), handoffs, resolved, ratings, Facts.Ticket::group, Facts.Rating::group),
                byKey(agentsShown(q), handoffs, resolved, ratings, Facts.Ticket::agent, Facts.Rating::agent),
                csatReport, options(allTickets, q));
    }

    private static DeskReport.Containment containment(List<Contacts.Contact> contacts) {
        long handled = contacts.stream().filter(Contacts.Contact::handled).count();
        long returned = contacts.stream().filter(c -> !c.handled() && c.returned()).count();
        long pending = contacts.stream().filter(Contacts.Contact::pending).count();
        long contained = contacts.stream().filter(Contacts.Contact::contained).count();
        return new DeskReport.Containment(contacts.size(), handled, returned, contained, pending,
                Measures.rateOrNull(contained, contacts.size() - pending));
    }

    private static DeskReport.CsatSummary csatSummary(List<Facts.Rating> ratings, List<Facts.Ticket> resolved,
                                                      Set<Long> rated) {
        long ratedEligible = resolved.stream().filter(t -> rated.contains(t.id())).count();
        return new DeskReport.CsatSummary(ratings.size(), Measures.average(ratings), Measures.distribution(ratings),
                resolved.size(), ratedEligible, Measures.rateOrNull(ratedEligible, resolved.size()));
    }

    /** A customer who rates a ticket again changes their mind: the last rating counts. */
    private static List<Facts.Rating> lastPerTicket(List<Facts.Rating> ratings) {
        Map<Object, Facts.Rating> last = new LinkedHashMap<>();
        for (Facts.Rating r : ratings) {
            Object key = r.ticketId() != null ? r.ticketId() : "rating-" + r.id();
            last.remove(key);
            last.put(key, r);
        }
        return new ArrayList<>(last.values());
    }

    private static List<DeskReport.ReasonRow> reasons(List<Facts.Ticket> handoffs, long base, DeskLabels words) {
        Map<String, Long> counts = new HashMap<>();
        for (Facts.Ticket t : handoffs) {
            for (HandoffReason r : t.reasons()) {
                counts.merge(r.code(), 1L, Long::sum);
            }
        }
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .map(e -> new DeskReport.ReasonRow(e.getKey(), words.reason(e.getKey()), e.getValue(),
                        Measures.rate(e.getValue(), handoffs.size()), Measures.rate(e.getValue(), base)))
                .toList();
    }

    private static List<DeskReport.BreakdownRow> byChannel(Map<String, Set<Long>> conversations,
                                                           List<Contacts.Contact> contacts,
                                                           List<Facts.Ticket> handoffs, List<Facts.Ticket> resolved,
                                                           List<Facts.Rating> ratings) {
        Set<String> keys = new LinkedHashSet<>(conversations.keySet());
        handoffs.forEach(t -> keys.add(t.channel()));
        ratings.forEach(r -> keys.add(r.channel()));
        List<DeskReport.BreakdownRow> rows = new ArrayList<>();
        for (String k : keys.stream().sorted().toList()) {
            List<Facts.Ticket> h = handoffs.stream().filter(t -> k.equals(t.channel())).toList();
            long convs = conversations.getOrDefault(k, Set.of()).size();
            long handedOff = h.stream().map(Facts.Ticket::conversationId).distinct().count();
            List<Contacts.Contact> cs = contacts.stream().filter(c -> k.equals(c.channel())).toList();
            long decided = cs.stream().filter(c -> !c.pending()).count();
            List<Facts.Rating> rs = ratings.stream().filter(r -> k.equals(r.channel())).toList();
            rows.add(new DeskReport.BreakdownRow(k, k, convs, h.size(),
                    Measures.rate(handedOff, Math.max(convs, handedOff)),
                    Measures.rateOrNull(cs.stream().filter(Contacts.Contact::contained).count(), decided),
                    Measures.firstResponse(h), Measures.resolution(resolved.stream()
                    .filter(t -> k.equals(t.channel())).toList()), rs.size(), Measures.average(rs)));
        }
        return rows;
    }

    private static List<DeskReport.BreakdownRow> byKey(Collection<String> always, List<Facts.Ticket> handoffs,
                                                       List<Facts.Ticket> resolved, List<Facts.Rating> ratings,
                                                       Function<Facts.Ticket, String> ticketKey,
                                                       Function<Facts.Rating, String> ratingKey) {
        Set<String> keys = new LinkedHashSet<>(always);
        keys.addAll(Measures.distinct(handoffs, ticketKey));
        keys.addAll(Measures.distinct(resolved, ticketKey));
        keys.addAll(Measures.distinct(ratings, ratingKey));
        List<DeskReport.BreakdownRow> rows = new ArrayList<>();
        for (String k : keys) {
            List<Facts.Ticket> h = handoffs.stream().filter(t -> k.equals(ticketKey.apply(t))).toList();
            List<Facts.Rating> rs = ratings.stream().filter(r -> k.equals(ratingKey.apply(r))).toList();
            rows.add(new DeskReport.BreakdownRow(k, k, null, h.size(), null, null, Measures.firstResponse(h),
                    Measures.resolution(resolved.stream().filter(t -> k.equals(ticketKey.apply(t))).toList()),
                    rs.size(), Measures.average(rs)));
        }
        return rows;
    }

    /** The configured groups, or only the one filtered on. */
    private List<String> groupsShown(ReportQuery q) {
        return q.group() != null ? List.of(q.group()) : groups;
    }

    private List<String> agentsShown(ReportQuery q) {
        return q.agent() != null ? List.of(q.agent()) : agents;
    }

    private DeskReport.Options options(List<Facts.Ticket> tickets, ReportQuery q) {
        Set<String> ch = new java.util.TreeSet<>(facts.channels());
        if (q.channel() != null) {
            ch.add(q.channel());
        }
        Set<String> gs = new LinkedHashSet<>(groups);
        tickets.stream().map(Facts.Ticket::group).filter(g -> g != null).forEach(gs::add);
        Set<String> as = new LinkedHashSet<>(agents);
        tickets.stream().map(Facts.Ticket::agent).filter(a -> a != null).forEach(as::add);
        return new DeskReport.Options(List.copyOf(ch), List.copyOf(gs), List.copyOf(as));
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
