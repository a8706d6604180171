package dev.baton.core.handoff.routing;

import dev.baton.core.conversation.ConversationEvents;
import dev.baton.core.conversation.ConversationState;
import dev.baton.core.store.SlaRepository;
import dev.baton.core.store.Store;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The first-response SLA ({@code inbox.groups[].first-response}): a scheduled check finds claimed tickets whose
 * holder has not replied within their group's limit and sends each back to the queue, where it keeps its place (its
 * priority and age do not change), so the next free agent of the group takes it. The supervisor is alerted live
 * ({@link ConversationEvents.Kind#SLA_BREACH}) and through {@code alerts} (the webhook inbox's
 * {@code ticket.sla_breached}), and the breach is counted ({@code baton.sla.breaches{group}}).
 *
 * <p>The window starts when the current holder got the ticket (claim, assignment); a ticket re-queued and claimed
 * again gets a fresh window each time, and its breaches add up. The breach is one conditional update that requires
 * the same holder, the same claim and no human reply: a reply committed first means no breach, and a breach never
 * happens twice for one claim (see {@link SlaRepository#breach}). An agent's reply that arrives just after the breach
 * is still sent and takes the ticket back, as any reply to a queued conversation does; the breach stays counted.
 * Unclaimed tickets are not this check's business: {@link QueueTimeouts} covers those.
 */
public final class FirstResponseTimeouts implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(FirstResponseTimeouts.class);

    /**
     * One breach, as the alerts carry it.
     *
     * @param agent     whose claim lapsed
     * @param claimedAt when that claim began
     * @param limit     the group's first-response limit
     * @param breaches  how many times this ticket has breached, this one included
     * @param at        when it went back to the queue
     */
    public record Breach(long ticketId, long conversationId, String group, String agent, Instant claimedAt,
                         Duration limit, int breaches, Instant at) {
    }

    private final Store store;
    private final SlaRepository sla = new SlaRepository();
    private final Routing routing;
    private final ConversationEvents events;
    private final Consumer<Breach> alerts;
    private final MeterRegistry meters;
    private final Clock clock;

    /** @param alerts told of each breach after its commit (the webhook inbox); must not throw */
    public FirstResponseTimeouts(Store store, Routing routing, ConversationEvents events, Consumer<Breach> alerts,
                                 MeterRegistry meters, Clock clock) {
        this.store = store;
        this.routing = routing;
        this.events = events;
        this.alerts = alerts;
        this.meters = meters;
        this.clock = clock;
    }

    /** True when at least one group has a first-response limit (otherwise the check need not run). */
    public boolean enabled() {
        return routing.groupNames().stream().anyMatch(g -> limit(g).isPresent());
    }

    /** The first-response limit of {@code group}, if it has one. */
    public Optional<Duration> limit(String group) {
        return group == null ? Optional.empty() : routing.group(group).map(Group::firstResponse);
    }

    /** How often to run: a tenth of the shortest limit, between 1 and 5 seconds (one indexed query). */
    public Duration checkInterval() {
        long shortest = routing.groupNames().stream().map(this::limit).flatMap(Optional::stream)
                .mapToLong(Duration::toSeconds).min().orElse(60);
        return Duration.ofSeconds(Math.max(1, Math.min(5, shortest / 10)));
    }

    @Override
    public void run() {
        try {
            check();
        } catch (RuntimeException e) {
            log.warn("first-response check failed: {}", e.toString());
        }
    }

    /** Sends every claimed ticket past its group's limit back to the queue; returns the breaches. */
    public List<Breach> check() {
        Instant now = clock.instant();
        List<Breach> out = new ArrayList<>();
        for (SlaRepository.Waiting w : store.db().withConnection(sla::waitingForFirstReply)) {
            Optional<Duration> limit = limit(w.group());
            if (limit.isEmpty() || w.assignedAt().plus(limit.get()).isAfter(now)) {
                continue;
            }
            boolean breached = store.db().inTransaction(c -> {
                if (!sla.breach(c, w, now)) {
                    return false; // replied, transferred or resolved meanwhile: nothing to do
                }
                store.conversations().transition(c, w.conversationId(), ConversationState.HUMAN,
                        ConversationState.QUEUED, null, null, null, now);
                return true;
            });
            if (breached) {
                Breach b = new Breach(w.ticketId(), w.conversationId(), w.group(), w.assignee(), w.assignedAt(),
                        limit.get(), w.breaches() + 1, now);
                out.add(b);
                Counter.builder("baton.sla.breaches").description("claimed tickets sent back to the queue because "
                        + "nobody replied within the group's first-response time").tag("group", w.group())
                        .register(meters).increment();
                log.info("conversation {}: ticket {} back in the queue of {}: no first reply within {} of the claim "
                        + "(breach {} of this ticket)", w.conversationId(), w.ticketId(), w.group(), limit.get(),
                        b.breaches());
                events.changed(w.conversationId(), ConversationEvents.Kind.SLA_BREACH);
                try {
                    alerts.accept(b);
                } catch (RuntimeException e) {
                    log.warn("conversation {}: SLA breach alert failed: {}", w.conversationId(), e.toString());
                }
            }
        }
        return out;
    }
}
