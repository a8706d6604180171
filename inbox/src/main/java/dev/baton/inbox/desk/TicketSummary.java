package dev.baton.inbox.desk;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.baton.core.conversation.HandoffReason;
import dev.baton.core.conversation.HandoffTicket;
import dev.baton.core.store.TicketRepository;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A ticket as the queue shows it.
 *
 * @param status       {@code open}, {@code assigned} or {@code resolved}
 * @param reasons      reason codes, the main one first
 * @param reasonLabels the reasons as agents read them, in the desk's language, in the same order
 * @param explanation  the handoff policy's own words on the decision (rule values): technical detail, not a headline
 * @param summary      what the customer wants now and what was tried, in the desk's language
 * @param customer     who is waiting, or null when the ticket has no snapshot of them
 * @param waitSeconds  from opened to claimed (or to now while still open)
 * @param timedOut     the customer was already offered the queue-timeout fallback
 * @param position     place in the queue (1 = next), for open tickets in the queue only
 */
public record TicketSummary(long id, long conversationId, String status, List<String> reasons,
                            List<String> reasonLabels, String explanation, int priority, String group,
                            String assignee, String summary, Customer customer, boolean vip, boolean sensitive,
                            String createdAt, long waitSeconds, boolean timedOut,
                            @JsonInclude(JsonInclude.Include.NON_NULL) Integer position) {

    /** The customer on a ticket: a name (the platform id when they gave none), the channel, the tier ("" if none). */
    public record Customer(String name, String channel, String tier) {
    }

    /** The summary of a stored ticket at {@code now}. */
    public static TicketSummary of(TicketRepository.Row t, Instant now, boolean timedOut, Integer position,
                                   DeskLabels labels) {
        HandoffTicket ticket = t.ticket();
        HandoffTicket.CustomerProfile c = ticket.customer();
        Customer customer = c == null ? null : new Customer(
                String.valueOf(Optional.ofNullable(c.name()).orElse(c.platformId())), c.channel().key(),
                String.valueOf(Optional.ofNullable(c.tier()).orElse("")));
        return new TicketSummary(t.id(), t.conversationId(), t.status().name().toLowerCase(Locale.ROOT),
                t.reasons().stream().map(HandoffReason::code).toList(), labels.reasons(t.reasons()),
                ticket.explanation(), t.priority(), t.group(),
                t.assignee(), t.summary(), customer, t.hasReason(HandoffReason.VIP),
                t.hasReason(HandoffReason.SENSITIVE_INTENT), t.createdAt().toString(),
                Duration.between(t.createdAt(), t.claimedAt() != null ? t.claimedAt() : now).toSeconds(), timedOut,
                position);
    }
}
