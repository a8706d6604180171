package dev.baton.inbox.desk;

import dev.baton.core.handoff.routing.BusinessHours;
import dev.baton.core.handoff.routing.GroupRouter;
import dev.baton.core.handoff.routing.QueueTimeouts;
import dev.baton.core.store.Store;
import dev.baton.core.store.TicketRepository;
import dev.baton.inbox.auth.AgentDirectory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The queue and the team as the inbox shows them: active tickets in serving order, agents' load, groups' state. */
public final class QueueViews {

    /** The active tickets, priority first, at {@code now}. */
    public record Queue(List<TicketSummary> items, String now) {
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

    public QueueViews(Store store, AgentDirectory agents, GroupRouter groups, List<String> groupNames,
                      QueueTimeouts timeouts, DeskLabels labels, Clock clock) {
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
        for (TicketRepository.Row t : active()) {
            Integer place = t.status() == TicketRepository.Status.OPEN ? ++position : null;
            items.add(TicketSummary.of(t, now, timeouts.timedOut(t.id()), place, labels));
        }
        return new Queue(items, now.toString());
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

    private List<TicketRepository.Row> active() {
        return store.db().withConnection(c -> store.tickets().active(c));
    }
}
