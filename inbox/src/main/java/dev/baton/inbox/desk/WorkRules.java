package dev.baton.inbox.desk;

import dev.baton.core.conversation.Conversation;
import dev.baton.core.conversation.ConversationState;
import dev.baton.core.store.Store;
import dev.baton.core.store.TicketRepository;
import dev.baton.inbox.auth.AgentDirectory;
import dev.baton.inbox.auth.Principal;
import dev.baton.inbox.auth.Role;

import java.util.List;
import java.util.Optional;

/**
 * Who may take and work on what, in one place: an agent takes only tickets of their groups and within their
 * capacity, works only on conversations that are theirs or still queued, and a reply to a conversation the bot has
 * (a takeover) counts against their capacity. Supervisors and the integration token are bound by none of these.
 * Every refusal is a {@link Refusal} with the message the caller sees.
 */
public final class WorkRules {

    private final Store store;
    private final AgentDirectory agents;
    private final List<String> groupNames;

    /** @param groupNames the configured groups ({@code inbox.groups}), in order; empty when there are none */
    public WorkRules(Store store, AgentDirectory agents, List<String> groupNames) {
        this.store = store;
        this.agents = agents;
        this.groupNames = List.copyOf(groupNames);
    }

    /** The configured groups, in order. */
    public List<String> groupNames() {
        return groupNames;
    }

    /** Supervisors (and integrations) always; an agent while the conversation is with them. */
    public static boolean mayEditCustomer(Principal p, Conversation conv) {
        return p.role().atLeast(Role.SUPERVISOR)
                || (conv.state() == ConversationState.HUMAN && p.name().equals(conv.assignee()));
    }

    /**
     * An agent may reply to and resolve a conversation that is theirs or still queued (then within the claim rules);
     * a supervisor always. A reply to a conversation without a ticket (the bot has it) takes it over, which counts
     * against the agent's capacity.
     */
    public void checkMayWorkOn(Principal p, long conversationId) {
        Conversation conv = conversation(conversationId);
        if (p.role().atLeast(Role.SUPERVISOR)) {
            return;
        }
        if (conv.state() == ConversationState.HUMAN && conv.assignee() != null && !conv.assignee().equals(p.name())) {
            throw Refusal.forbidden("conversation " + conversationId + " is with " + conv.assignee());
        }
        Optional<TicketRepository.Row> ticket = store.db().withConnection(c -> store.tickets().activeFor(c,
                conversationId));
        if (conv.state() == ConversationState.QUEUED && ticket.isPresent()) {
            checkMayTake(p, ticket.get());
        } else if (ticket.isEmpty()) {
            checkCapacity(p, -1);
        }
    }

    /** The caller may take this ticket themselves: a group they serve, and room under their capacity. */
    public void checkMayTake(Principal p, TicketRepository.Row t) {
        if (unbound(p)) {
            return;
        }
        AgentDirectory.Agent a = agent(p);
        if (!a.serves(t.group())) {
            throw Refusal.forbidden("ticket " + t.id() + " is for group " + t.group() + ", not yours");
        }
        checkCapacity(p, t.id());
    }

    /** An agent holding as many tickets as their capacity (not counting {@code ticketId}) takes no more. */
    private void checkCapacity(Principal p, long ticketId) {
        if (unbound(p)) {
            return;
        }
        AgentDirectory.Agent a = agent(p);
        long load = store.db().withConnection(c -> store.tickets().active(c)).stream()
                .filter(x -> p.name().equals(x.assignee()) && x.id() != ticketId).count();
        if (load >= a.capacity()) {
            throw Refusal.conflict("you already hold " + load + " conversations (capacity " + a.capacity() + ")");
        }
    }

    /** The most tickets the caller may hold: their configured capacity; no limit for supervisors and integrations. */
    public int capacity(Principal p) {
        return unbound(p) ? Integer.MAX_VALUE : agent(p).capacity();
    }

    /** Work goes to agents of {@code inbox.agents}; the integration token may name anyone. */
    public void checkKnownAgent(Principal p, String agent) {
        if (!p.integration() && agents.find(agent).isEmpty()) {
            throw Refusal.invalid("unknown agent " + agent);
        }
    }

    /** A transfer goes to a configured group (any name when no groups are configured). */
    public void checkKnownGroup(String group) {
        if (!groupNames.isEmpty() && !groupNames.contains(group)) {
            throw Refusal.invalid("unknown group " + group + "; groups: " + String.join(", ", groupNames));
        }
    }

    /** The group of the ticket a takeover opens: the agent's first group, else the first configured one. */
    public String takeoverGroup(Principal p) {
        return agents.find(p.name()).map(AgentDirectory.Agent::groups).filter(g -> !g.isEmpty()).map(g -> g.get(0))
                .orElse(groupNames.isEmpty() ? null : groupNames.get(0));
    }

    /** The ticket, or a {@link Refusal.Kind#NOT_FOUND} refusal. */
    public TicketRepository.Row ticket(long id) {
        return store.db().withConnection(c -> store.tickets().byId(c, id))
                .orElseThrow(() -> Refusal.notFound("no ticket " + id));
    }

    /** The conversation, or a {@link Refusal.Kind#NOT_FOUND} refusal. */
    public Conversation conversation(long id) {
        return store.db().withConnection(c -> store.conversations().byId(c, id))
                .orElseThrow(() -> Refusal.notFound("no conversation " + id));
    }

    private static boolean unbound(Principal p) {
        return p.integration() || p.role().atLeast(Role.SUPERVISOR);
    }

    private AgentDirectory.Agent agent(Principal p) {
        return agents.find(p.name()).orElseThrow(() -> Refusal.forbidden("unknown agent"));
    }
}
