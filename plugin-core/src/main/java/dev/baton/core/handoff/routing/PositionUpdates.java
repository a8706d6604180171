package dev.baton.core.handoff.routing;

import dev.baton.core.channel.Channel;
import dev.baton.core.channel.ChannelLimits;
import dev.baton.core.channel.OutboundMessage;
import dev.baton.core.config.Localized;
import dev.baton.core.conversation.Author;
import dev.baton.core.conversation.Conversation;
import dev.baton.core.conversation.ConversationEvents;
import dev.baton.core.conversation.ConversationState;
import dev.baton.core.conversation.Message;
import dev.baton.core.store.ReplyWriter;
import dev.baton.core.state.KeyValueStore;
import dev.baton.core.store.Store;
import dev.baton.core.store.TicketRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Unprompted queue-position updates ({@code inbox.position-updates}): a scheduled check tells each queued customer
 * their new position when it improved since they last heard it (someone ahead was claimed or left), through the
 * normal outbox (durable, retried). An update is sent only when all of these hold:
 * <ul>
 *   <li>the conversation is still QUEUED and its ticket OPEN (a claim, a resolve or a takeover stops them);</li>
 *   <li>the position is lower than the last one the customer was told (at handoff, or by an earlier update);</li>
 *   <li>fewer than {@code max} updates went out for this ticket;</li>
 *   <li>at least {@code every} passed since the last update and since any message Baton sent on its own behalf;</li>
 *   <li>the channel allows a free-form message now: inside its reply window counted from the customer's last
 *       message (WhatsApp 24 h, WeChat 48 h), and on channels with a cap per customer message (WeCom 微信客服: 5)
 *       only if, after this update, {@code reserve-for-agents} messages stay free for the humans.</li>
 * </ul>
 * The position told at the handoff is the ticket's {@code told_position}; what later updates told is kept in the
 * key-value store ({@code queue-position/<ticket id>}: position, count, time).
 */
public final class PositionUpdates implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(PositionUpdates.class);

    /** Built-in text; {@code {position}} is the new position. */
    public static final Localized MOVED_UP = Localized.of(
            "您在队列中前进了：目前排在第 {position} 位，人工客服很快就来，请稍候。",
            "You have moved up: you are now number {position} in the queue. A person will be with you soon.");

    /** What the customer was last told about their position. */
    record Told(int position, int count, Instant at) {
        String encode() {
            return position + "," + count + "," + at.toEpochMilli();
        }

        static Optional<Told> decode(String s) {
            try {
                String[] p = s.split(",");
                return Optional.of(new Told(Integer.parseInt(p[0]), Integer.parseInt(p[1]),
                        Instant.ofEpochMilli(Long.parseLong(p[2]))));
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        }
    }

    private final Store store;
    private final ReplyWriter replies;
    private final KeyValueStore marks;
    private final PositionUpdateConfig config;
    private final Localized message;
    private final Function<Channel, ChannelLimits> limits;
    private final ConversationEvents events;
    private final Runnable wakeOutbox;
    private final Clock clock;

    public PositionUpdates(Store store, ReplyWriter replies, KeyValueStore marks, PositionUpdateConfig config,
                           Function<Channel, ChannelLimits> limits, ConversationEvents events, Runnable wakeOutbox,
                           Clock clock) {
        this.store = store;
        this.replies = replies;
        this.marks = marks;
        this.config = config;
        this.message = config.message() != null ? config.message() : MOVED_UP;
        this.limits = limits;
        this.events = events;
        this.wakeOutbox = wakeOutbox;
        this.clock = clock;
    }

    /** How often the scheduled check should run for this configuration. */
    public Duration checkInterval() {
        long s = Math.max(1, Math.min(15, config.every().toSeconds() / 5));
        return Duration.ofSeconds(s);
    }

    public boolean enabled() {
        return config.enabled() && config.max() > 0;
    }

    @Override
    public void run() {
        try {
            check();
        } catch (RuntimeException e) {
            log.warn("queue position update check failed: {}", e.toString());
        }
    }

    /** Sends the updates that are due; returns the conversations told. */
    public List<Long> check() {
        if (!enabled()) {
            return List.of();
        }
        // active() is in queue order (priority, then age), so a ticket's position is its index among the OPEN ones:
        // one query for the whole queue instead of a count per ticket, which grew with the square of the queue
        List<TicketRepository.Row> open = store.db().withConnection(c -> store.tickets().active(c)).stream()
                .filter(t -> t.status() == TicketRepository.Status.OPEN).toList();
        List<Long> told = new ArrayList<>();
        for (int i = 0; i < open.size(); i++) {
            TicketRepository.Row t = open.get(i);
            try {
                if (update(t, i + 1)) {
                    told.add(t.conversationId());
                }
            } catch (RuntimeException e) {
                log.warn("conversation {}: queue position update failed: {}", t.conversationId(), e.toString());
            }
        }
        if (!told.isEmpty()) {
            wakeOutbox.run();
        }
        return told;
    }

    private boolean update(TicketRepository.Row t, int position) {
        Instant now = clock.instant();
        Optional<Told> last = marks.get(key(t.id())).flatMap(Told::decode)
                .or(() -> Optional.ofNullable(t.toldPosition()).map(p -> new Told(p, 0, t.createdAt())));
        if (last.isPresent() && (position >= last.get().position() || last.get().count() >= config.max())) {
            return false; // nothing to tell: no transaction at all, which is the case of almost every queued ticket
        }
        record Outcome(boolean sent, int position, String skipped) {
        }
        Outcome o = store.db().inTransaction(c -> {
            Conversation conv = store.conversations().byId(c, t.conversationId()).orElse(null);
            if (conv == null || conv.state() != ConversationState.QUEUED) {
                return new Outcome(false, 0, null);
            }
            if (last.isEmpty()) {
                return new Outcome(false, position, "baseline");
            }
            Told before = last.get();
            Instant quietSince = before.at();
            for (Message m : store.messages().recent(c, conv.id(), 20)) {
                if (m.author() == Author.SYSTEM && m.createdAt().isAfter(quietSince)) {
                    quietSince = m.createdAt();
                }
            }
            if (quietSince.plus(config.every()).isAfter(now)) {
                return new Outcome(false, position, null);
            }
            String refused = channelRefuses(c, conv, now);
            if (refused != null) {
                return new Outcome(false, position, refused);
            }
            String lang = store.customers().byId(c, conv.customerId()).map(cu -> cu.language()).orElse(null);
            replies.enqueue(c, conv, null, OutboundMessage.Author.SYSTEM, null,
                    message.format(lang, Map.of("position", position)), null, lang, now);
            return new Outcome(true, position, null);
        });
        if (o.sent()) {
            int count = last.map(Told::count).orElse(0) + 1;
            marks.put(key(t.id()), new Told(o.position(), count, now).encode());
            log.info("conversation {}: told the customer they moved up to number {} in the queue ({}/{})",
                    t.conversationId(), o.position(), count, config.max());
            events.changed(t.conversationId(), ConversationEvents.Kind.MESSAGE);
            return true;
        }
        if ("baseline".equals(o.skipped())) {
            marks.put(key(t.id()), new Told(o.position(), 0, t.createdAt()).encode());
        } else if (o.skipped() != null && last.isPresent() && o.position() < last.get().position()) {
            log.debug("conversation {}: no position update: {}", t.conversationId(), o.skipped());
        }
        return false;
    }

    /** Why the channel does not allow an unprompted message now, or null when it does. */
    private String channelRefuses(Connection c, Conversation conv, Instant now) throws SQLException {
        ChannelLimits l = limits.apply(conv.channel());
        if (l == null) {
            return null;
        }
        Instant lastIn = conv.lastCustomerMessageAt();
        Duration left = l.windowRemaining(lastIn, now); // null: no window, or the customer never wrote
        if (l.replyWindow() != null && (left == null || left.isZero())) {
            return "the " + conv.channel().key() + " reply window is closed";
        }
        if (l.maxRepliesPerInbound() > 0) {
            if (lastIn == null) {
                return "no customer message to reply to";
            }
            long sent = sentSince(c, conv.id(), lastIn);
            int allowed = l.maxRepliesPerInbound() - config.reserveForAgents();
            if (sent + 1 > allowed) {
                return sent + " of " + l.maxRepliesPerInbound() + " messages since the customer's last message "
                        + "are used; " + config.reserveForAgents() + " stay reserved for the agents";
            }
        }
        return null;
    }

    /** Messages queued for the customer since their last message, except those that were given up on. */
    private static long sentSince(Connection c, long conversationId, Instant since) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM outbox WHERE conversation_id = ? "
                + "AND created_at >= ? AND status <> 'DEAD'")) {
            ps.setLong(1, conversationId);
            ps.setObject(2, since.atOffset(ZoneOffset.UTC));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    private static String key(long ticketId) {
        return "queue-position/" + ticketId;
    }
}
