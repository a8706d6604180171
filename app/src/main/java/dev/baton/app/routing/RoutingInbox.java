package dev.baton.app.routing;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.app.config.InboxConfig;
import dev.baton.core.channel.OutboundMessage;
import dev.baton.core.config.Localized;
import dev.baton.core.conversation.Conversation;
import dev.baton.core.conversation.ConversationEvents;
import dev.baton.core.conversation.ConversationState;
import dev.baton.core.store.EngineJson;
import dev.baton.core.store.ReplyWriter;
import dev.baton.core.conversation.HandoffTicket;
import dev.baton.core.handoff.HumanInbox;
import dev.baton.core.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * Wraps the configured {@link HumanInbox}: routes each new ticket to a group (policy target, else skills), tells
 * the customer what happens next when that group is outside its business hours, notes the queue position the
 * customer was told, then hands the ticket on.
 */
public final class RoutingInbox implements HumanInbox {

    private static final Logger log = LoggerFactory.getLogger(RoutingInbox.class);

    /** Default off-hours text; {@code {opens}} is the next opening in the group's time zone. */
    public static final Localized OFF_HOURS = Localized.of(
            "现在是非工作时间，您的请求已在排队中，人工客服将于 {opens} 上班后第一时间回复您，无需重复描述。您也可以先留言补充细节。",
            "Our team is offline right now. Your request is saved in the queue and an agent will reply when we "
                    + "open again ({opens}); you won't need to repeat yourself. Feel free to leave any details here.");

    private final HumanInbox delegate;
    private final GroupRouter router;
    private final Store store;
    private final ReplyWriter replies;
    private final ObjectMapper json;
    private final ConversationEvents events;
    private final Runnable wakeOutbox;
    private final Clock clock;
    private final LongConsumer queued;

    /**
     * @param queued called with the ticket id once a new ticket is routed (records the position the customer was
     *               told, for {@link PositionUpdates})
     */
    public RoutingInbox(HumanInbox delegate, GroupRouter router, Store store, ReplyWriter replies, ObjectMapper json,
                        ConversationEvents events, Runnable wakeOutbox, Clock clock, LongConsumer queued) {
        this.queued = queued;
        this.delegate = delegate;
        this.router = router;
        this.store = store;
        this.replies = replies;
        this.json = json;
        this.events = events;
        this.wakeOutbox = wakeOutbox;
        this.clock = clock;
    }

    @Override
    public String kind() {
        return delegate.kind();
    }

    @Override
    public void open(HandoffTicket ticket) {
        HandoffTicket routed = ticket;
        boolean told = false;
        try {
            String group = router.route(ticket);
            routed = ticket.withGroup(group);
            HandoffTicket finalRouted = routed;
            told = store.db().inTransaction(c -> {
                Instant now = clock.instant();
                if (!group.equals(ticket.group())) {
                    store.tickets().transferToGroup(c, ticket.id(), group);
                    store.tickets().updateTicketJson(c, ticket.id(), EngineJson.write(json, finalRouted));
                    store.conversations().transition(c, ticket.conversationId(), ConversationState.QUEUED,
                            ConversationState.QUEUED, null, group, null, now);
                }
                Optional<InboxConfig.Group> g = router.group(group);
                BusinessHours hours = g.map(x -> BusinessHours.of(x.hours())).orElse(BusinessHours.always());
                if (hours.isOpen(now)) {
                    return false;
                }
                Conversation conv = store.conversations().byId(c, ticket.conversationId()).orElseThrow();
                if (conv.state() != ConversationState.QUEUED) {
                    return false;
                }
                Localized text = g.map(InboxConfig.Group::offHoursMessage).orElse(null);
                String opens = hours.nextOpening(now).map(t -> describe(t, ticket.language())).orElse("?");
                replies.enqueue(c, conv, null, OutboundMessage.Author.SYSTEM, null,
                        (text != null ? text : OFF_HOURS).format(ticket.language(), Map.of("opens", opens)), null,
                        ticket.language(), now);
                return true;
            });
            if (told) {
                log.info("conversation {}: group {} is closed; the customer was told when it opens",
                        ticket.conversationId(), group);
                wakeOutbox.run();
            }
            events.changed(ticket.conversationId(), ConversationEvents.Kind.TICKET);
            queued.accept(ticket.id());
        } catch (RuntimeException e) {
            log.warn("conversation {}: routing ticket {} failed: {}", ticket.conversationId(), ticket.id(),
                    e.toString());
        }
        delegate.open(routed);
    }

    @Override
    public void customerMessage(long conversationId, String text) {
        delegate.customerMessage(conversationId, text);
    }

    @Override
    public void closed(long conversationId, String note) {
        delegate.closed(conversationId, note);
    }

    static String describe(ZonedDateTime t, String language) {
        boolean zh = language != null && language.startsWith("zh");
        DateTimeFormatter f = zh ? DateTimeFormatter.ofPattern("M月d日 EEEE HH:mm", Locale.CHINA)
                : DateTimeFormatter.ofPattern("EEEE d MMM, HH:mm", Locale.ENGLISH);
        return t.format(f) + " (" + t.getZone().getId() + ")";
    }

    @Override
    public void updated(HandoffTicket ticket) {
        delegate.updated(ticket.withGroup(router.route(ticket)));
    }
}
