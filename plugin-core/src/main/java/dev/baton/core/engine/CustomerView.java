package dev.baton.core.engine;

import dev.baton.core.channel.Channel;
import dev.baton.core.conversation.Conversation;
import dev.baton.core.conversation.ConversationState;
import dev.baton.core.conversation.Customer;
import dev.baton.core.handoff.HandoffService;
import dev.baton.core.handoff.routing.Routing;
import dev.baton.core.plugin.PassiveReplies;
import dev.baton.core.store.Store;
import dev.baton.core.store.TicketRepository;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What a customer may see of their own conversation, for the channels that show it themselves (a web widget): its
 * state with the agent's name or the queue place, and the transcript without the lines meant for agents. Read-only;
 * {@link Engine} answers {@link PassiveReplies#conversation} and {@link PassiveReplies#transcript} with it.
 */
final class CustomerView {

    /** The most lines one {@link #transcript} call returns, whatever the caller asked. */
    static final int MAX_LINES = 1000;

    private final Store store;
    private final Routing routing;
    private final Duration averageHandleTime;
    private final Clock clock;

    CustomerView(Store store, Routing routing, Duration averageHandleTime, Clock clock) {
        this.store = store;
        this.routing = routing;
        this.averageHandleTime = averageHandleTime;
        this.clock = clock;
    }

    Optional<PassiveReplies.ConversationStatus> conversation(Channel channel, String customerId) {
        return store.db().withConnection(c -> {
            Optional<Conversation> conv = find(c, channel, customerId);
            if (conv.isEmpty()) {
                return Optional.empty();
            }
            Conversation v = conv.get();
            String agent = v.state() == ConversationState.HUMAN ? v.assignee() : null;
            return Optional.of(new PassiveReplies.ConversationStatus(v.id(), v.state(), agent,
                    v.state() == ConversationState.QUEUED ? queue(c, v) : null));
        });
    }

    List<PassiveReplies.Line> transcript(Channel channel, String customerId, long afterId, int limit) {
        int n = Math.max(1, Math.min(limit, MAX_LINES));
        return store.db().withConnection(c -> {
            Optional<Conversation> conv = find(c, channel, customerId);
            return conv.isEmpty() ? List.<PassiveReplies.Line>of()
                    : store.messages().customerView(c, conv.get().id(), afterId, n).stream()
                    .map(m -> new PassiveReplies.Line(m.id(), m.inboundId(), m.author(), m.authorName(), m.text(),
                            m.createdAt()))
                    .toList();
        });
    }

    private Optional<Conversation> find(Connection c, Channel channel, String customerId) throws SQLException {
        Optional<Customer> customer = store.customers().find(c, channel, customerId);
        return customer.isEmpty() ? Optional.empty() : store.conversations().byCustomer(c, customer.get().id());
    }

    private PassiveReplies.Queue queue(Connection c, Conversation conv) throws SQLException {
        Optional<TicketRepository.Row> ticket = store.tickets().activeFor(c, conv.id());
        if (ticket.isEmpty()) {
            return null;
        }
        int position = store.tickets().queuePosition(c, ticket.get().id());
        if (position <= 0) {
            return null;
        }
        return new PassiveReplies.Queue(position, HandoffService.expectedWait(averageHandleTime, position),
                routing.closed(ticket.get().group(), clock.instant()));
    }
}
