package dev.baton.inbox.desk;

import dev.baton.core.handoff.routing.BusinessHours;
import dev.baton.core.handoff.routing.GroupRouter;
import dev.baton.core.handoff.routing.QueueTimeouts;
import dev.baton.core.store.SlaRepository;
import dev.baton.core.store.Store;
import dev.baton.core.store.TicketRepository;
import dev.baton.inbox.auth.AgentDirectory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Map;

/** The queue and the team as the inbox shows them: active tickets in serving order, agents' load, groups' state. */
public final class QueueViews {

    /**
     * The active tickets, priority first, at {@code now}.
     *
     * @param people for each conversation whose customer is linked to other identities, the person's name and the
     *               channels they are known on (by conversation id)
     */
    public record Queue(List<TicketSummary> items, String now, Map<Long, PersonViews.Badge> people) {
    }

    /** Who works and how the groups stand. */
    public record Team(List<Agent> agents, List<Group> groups) {
    }

    /** An agent with the tickets they hold ({@code load}) and may hold ({@code capacity}). */
    public record Agent(String name, String role, List<String> groups, int capacity, long load) {
    }

    /** A group: open now (business hours)? how many tickets wait in its queue? */
    public record Group(String name, boolean open, long queued) {
    }

    private final Store store;
    private final AgentDirectory agents;
    private final GroupRouter groups;
    private final List<String> groupNames;
    private final QueueTimeouts timeouts;
    private final DeskLabels labels;
    private final Clock clock;
    private final SlaRepository sla = new SlaRepository();
    private final PersonViews people;

    public QueueViews(Store store, AgentDirectory agents, GroupRouter groups, List<String> groupNames,
                      QueueTimeouts timeouts, DeskLabels labels, Clock clock) {
        this(store, agents, groups, groupNames, timeouts, labels, clock, null);
    }

    /** As above, with linked customers shown as one person ({@code people}: null for none). */
    public QueueViews(Store store, AgentDirectory agents, GroupRouter groups, List<String> groupNames,
                      QueueTimeouts timeouts, DeskLabels labels, Clock clock, PersonViews people) {
        this.people = people;
        this.store = store;
        this.agents = agents;
        this.groups = groups;
        this.groupNames = List.copyOf(groupNames);
        this.timeouts = timeouts;
        this.labels = labels;
        this.clock = clock;
    }

    /** Active tickets in serving order; open ones carry their position in the queue. */
    public Queue queue() {
        return queue(null);
    }

    /** The queue with its labels in {@code language} (the agent's choice; null: the desk's). */
    public Queue queue(String language) {
        DeskLabels labels = this.labels.in(language);
        Instant now = clock.instant();
        List<TicketSummary> items = new ArrayList<>();
        int position = 0;
        Map<Long, SlaRepository.Breaches> breaches = store.db().withConnection(sla::activeBreaches);
        Map<Long, Instant> claimed = new HashMap<>();
        store.db().withConnection(sla::waitingForFirstReply).forEach(w -> claimed.put(w.ticketId(), w.assignedAt()));
        for (TicketRepository.Row t : active()) {
            Integer place = t.status() == TicketRepository.Status.OPEN ? ++position : null;
            items.add(TicketSummary.of(t, now, timeouts.timedOut(t.id()), place, labels,
                    sla(t, breaches.get(t.id()), claimed.get(t.id()))));
        }
        return new Queue(items, now.toString(), people == null ? Map.of()
                : people.badges(items.stream().map(TicketSummary::conversationId).toList()));
    }

    /** Every agent's load and every group's state. */
    public Team team() {
        List<TicketRepository.Row> rows = active();
        Instant now = clock.instant();
        List<Agent> people = agents.all().stream().map(a -> new Agent(a.name(),
                a.role().name().toLowerCase(Locale.ROOT), a.groups(), a.capacity(),
                rows.stream().filter(t -> a.name().equals(t.assignee())).count())).toList();
        List<Group> teams = groupNames.stream().map(g -> new Group(g,
                groups.group(g).map(x -> BusinessHours.of(x.hours()).isOpen(now)).orElse(true),
                rows.stream().filter(t -> g.equals(t.group()) && t.status() == TicketRepository.Status.OPEN).count()))
                .toList();
        return new Team(people, teams);
    }

    /** The ticket's SLA: the reply due while claimed and unanswered in a group with a limit; its breaches. */
    private TicketSummary.Sla sla(TicketRepository.Row t, SlaRepository.Breaches b, Instant claimedAt) {
        Duration limit = groups.group(t.group()).map(dev.baton.core.handoff.routing.Group::firstResponse)
                .orElse(null);
        if (limit == null && b == null) {
            return null;
        }
        String due = limit != null && claimedAt != null ? claimedAt.plus(limit).toString() : null;
        return new TicketSummary.Sla(limit == null ? null : limit.toSeconds(), due, b == null ? 0 : b.count(),
                b == null || b.lastAt() == null ? null : b.lastAt().toString(), b == null ? null : b.lastAgent());
    }

    private List<TicketRepository.Row> active() {
        return store.db().withConnection(c -> store.tickets().active(c));
    }
}
