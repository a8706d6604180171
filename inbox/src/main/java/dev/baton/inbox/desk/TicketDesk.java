package dev.baton.inbox.desk;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.baton.core.conversation.ConversationState;
import dev.baton.core.handoff.HumanDesk;
import dev.baton.core.store.TicketRepository;
import dev.baton.inbox.auth.Principal;
import dev.baton.inbox.auth.Role;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What agents do with tickets and conversations, with the inbox's rules ({@link WorkRules}) applied before the
 * engine's {@link HumanDesk} acts: claim, assign, transfer, reply, resolve. A transfer to oneself is a claim, with
 * exactly its rules and answers. Refusals are {@link Refusal}s; the desk's own ({@link HumanDesk.Refused}: someone
 * else claimed it meanwhile, already with the bot) pass through.
 */
public final class TicketDesk {

    /** Longest human reply, in characters. */
    public static final int MAX_REPLY = 4000;
    /** Longest resolve note, in characters. */
    public static final int MAX_NOTE = 2000;

    /** The result of a claim, an assignment or a transfer: who holds the ticket now, or which queue has it. */
    public sealed interface Moved permits Assigned, Queued {
    }

    /** The ticket is with {@code assignee}. */
    public record Assigned(long ticketId, String assignee) implements Moved {
    }

    /** The ticket waits in {@code group}'s queue. */
    public record Queued(long ticketId, String group) implements Moved {
    }

    /**
     * A transfer as asked: to an agent, or (when no agent is given) to a group. Blank means not given.
     *
     * @param agent the agent to give the ticket to; the caller's own name makes it a claim
     * @param group the group whose queue takes it
     */
    public record Transfer(String agent, String group) {
        public Transfer {
            agent = agent == null || agent.isBlank() ? null : agent.strip();
            group = group == null || group.isBlank() ? null : group.strip();
        }
    }

    /**
     * A reply on its way to the customer.
     *
     * @param takeover true when the reply took the conversation over from the bot (absent otherwise)
     * @param ticketId the ticket that takeover opened (absent otherwise)
     */
    public record Replied(long conversationId, long outboxId,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Boolean takeover,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Long ticketId) {
    }

    /** How a human episode ended. */
    public enum Resolution {
        /** The agent solved it. */
        RESOLVED,
        /** Handed back to the bot unsolved. */
        RETURNED;

        /** The lower-case name used in the API and stored on the ticket. */
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The resolution of that code. */
        public static Optional<Resolution> of(String code) {
            return Arrays.stream(values()).filter(r -> r.code().equals(code)).findFirst();
        }
    }

    /** A conversation handed back to the bot. */
    public record Resolved(long conversationId, ConversationState state, String resolution) {
    }

    private final HumanDesk desk;
    private final WorkRules rules;

    public TicketDesk(HumanDesk desk, WorkRules rules) {
        this.desk = desk;
        this.rules = rules;
    }

    /** The caller takes the ticket: a group they serve, within their capacity, and nobody else holds it. */
    public Assigned claim(Principal p, long ticketId) {
        TicketRepository.Row t = rules.ticket(ticketId);
        rules.checkMayTake(p, t);
        desk.claim(ticketId, p.name(), rules.capacity(p)); // checked again, atomically, by the claim itself
        return new Assigned(ticketId, p.name());
    }

    /** A supervisor gives the ticket to an agent of {@code inbox.agents}, even if someone else holds it. */
    public Assigned assign(Principal p, long ticketId, String agent) {
        requireSupervisor(p, "this needs the supervisor role");
        rules.checkKnownAgent(p, agent);
        desk.assignTo(ticketId, agent);
        return new Assigned(ticketId, agent);
    }

    /**
     * To oneself: a claim. To another agent: a supervisor's assignment. To a group: back to that group's queue, by
     * whoever holds the ticket (or a supervisor) or anyone while it is queued.
     */
    public Moved transfer(Principal p, long ticketId, Transfer to) {
        if (p.name().equals(to.agent())) {
            return claim(p, ticketId);
        }
        TicketRepository.Row t = rules.ticket(ticketId);
        if (to.agent() != null) {
            requireSupervisor(p, "transferring to another agent needs the supervisor role; transfer to a group "
                    + "instead");
            rules.checkKnownAgent(p, to.agent());
            desk.assignTo(ticketId, to.agent());
            return new Assigned(ticketId, to.agent());
        }
        if (to.group() == null) {
            throw Refusal.invalid("give a group or an agent");
        }
        rules.checkKnownGroup(to.group());
        if (t.assignee() != null && !t.assignee().equals(p.name()) && !p.role().atLeast(Role.SUPERVISOR)) {
            throw Refusal.forbidden("ticket " + ticketId + " is with " + t.assignee());
        }
        desk.transfer(ticketId, to.group());
        return new Queued(ticketId, to.group());
    }

    /**
     * A human reply. To a conversation the bot has, it is a takeover: a ticket held by the caller opens in their
     * first group ({@link WorkRules#takeoverGroup}), within their capacity.
     */
    public Replied reply(Principal p, long conversationId, String text) {
        String body = text == null ? "" : text.strip();
        if (body.isEmpty()) {
            throw Refusal.invalid("text is required");
        }
        if (body.length() > MAX_REPLY) {
            throw Refusal.invalid("text is longer than " + MAX_REPLY + " characters");
        }
        rules.checkMayWorkOn(p, conversationId);
        HumanDesk.Sent sent = desk.reply(conversationId, p.name(), body, rules.takeoverGroup(p));
        boolean takeover = sent.takenOver() != null;
        return new Replied(conversationId, sent.outboxId(), takeover ? Boolean.TRUE : null,
                takeover ? sent.takenOver().id() : null);
    }

    /** Ends the human episode and hands the conversation back to the bot; {@code note} is optional. */
    public Resolved resolve(Principal p, long conversationId, String note, Resolution resolution) {
        String n = note == null ? "" : note.strip();
        if (n.length() > MAX_NOTE) {
            throw Refusal.invalid("note is longer than " + MAX_NOTE + " characters");
        }
        rules.checkMayWorkOn(p, conversationId);
        desk.resolve(conversationId, p.name(), n.isEmpty() ? null : n, resolution.code());
        return new Resolved(conversationId, ConversationState.BOT, resolution.code());
    }

    private static void requireSupervisor(Principal p, String why) {
        if (!p.role().atLeast(Role.SUPERVISOR)) {
            throw Refusal.forbidden(why);
        }
    }
}
