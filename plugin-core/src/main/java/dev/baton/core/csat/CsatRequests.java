package dev.baton.core.csat;

import dev.baton.core.channel.Channel;
import dev.baton.core.channel.ChannelLimits;
import dev.baton.core.channel.InboundContent;
import dev.baton.core.channel.OutboundMessage;
import dev.baton.core.conversation.Conversation;
import dev.baton.core.store.ReplyWriter;
import dev.baton.core.store.Store;
import dev.baton.core.store.TicketRepository;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Decides whether a satisfaction request goes out when an agent ends an episode, and sends it; reads the customer's
 * answer. The customer is asked once per ticket, on their channel, in their language, and only when all of these
 * hold:
 * <ul>
 *   <li>an agent ended the episode (a ticket closed by Baton itself, on a timeout or a clean-up, is never asked
 *       about);</li>
 *   <li>a person wrote to the customer in it ({@code first_human_reply_at}): a ticket resolved without a word to
 *       the customer (spam, a customer who left, a call-back by phone) was bot-only for them;</li>
 *   <li>the ticket's group asks ({@code inbox.groups[].csat.enabled}, else {@code inbox.csat.enabled}, default on);
 *       </li>
 *   <li>the channel allows a message now: inside its reply window since the customer's last message (WhatsApp 24 h,
 *       WeChat and WeCom 48 h) and, where the platform caps the messages per customer message (WeCom: 5), with one
 *       left.</li>
 * </ul>
 * Runs inside the caller's transaction, so the request, its outbox row and the ticket's resolution commit together.
 */
public final class CsatRequests {

    /** Whether a request went out, and if not, why (for the log). */
    public enum Outcome {
        ASKED("asked"),
        NOT_BY_AGENT("the ticket was not closed by an agent"),
        NO_HUMAN_REPLY("no person wrote to the customer in this episode"),
        OFF("satisfaction requests are off for the group"),
        WINDOW_CLOSED("the channel's reply window is closed"),
        QUOTA("the channel's messages per customer message are used up"),
        ALREADY_ASKED("this ticket was asked about already");

        private final String why;

        Outcome(String why) {
            this.why = why;
        }

        public String why() {
            return why;
        }
    }

    private final Store store;
    private final ReplyWriter replies;
    private final CsatConfig config;
    private final Function<String, Boolean> groupSetting;
    private final Function<Channel, ChannelLimits> limits;

    /**
     * @param groupSetting a group's own {@code csat.enabled}, or null when it has none (the global default applies)
     * @param limits       each channel's limits (its reply window and cap)
     */
    public CsatRequests(Store store, ReplyWriter replies, CsatConfig config, Function<String, Boolean> groupSetting,
                        Function<Channel, ChannelLimits> limits) {
        this.store = Objects.requireNonNull(store, "store");
        this.replies = Objects.requireNonNull(replies, "replies");
        this.config = Objects.requireNonNull(config, "config");
        this.groupSetting = Objects.requireNonNull(groupSetting, "groupSetting");
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** Never asks: for engines built without the inbox's settings (tests of other parts). */
    public static CsatRequests off(Store store, ReplyWriter replies) {
        return new CsatRequests(store, replies, new CsatConfig(false, null, null, null), g -> null,
                ch -> ChannelLimits.unlimited());
    }

    /** True when tickets of {@code group} are followed by a request. */
    public boolean enabledFor(String group) {
        Boolean own = group == null ? null : groupSetting.apply(group);
        return own != null ? own : config.enabled();
    }

    /**
     * Called when {@code ticket} was just resolved by {@code agentName} (null: by Baton itself) and the conversation
     * handed back to the bot; asks for a rating when the rules above allow.
     */
    public Outcome afterResolve(Connection c, Conversation conv, TicketRepository.Row ticket, String agentName,
                                String language, Instant now) throws SQLException {
        if (agentName == null || agentName.isBlank()) {
            return Outcome.NOT_BY_AGENT;
        }
        if (ticket.firstHumanReplyAt() == null) {
            return Outcome.NO_HUMAN_REPLY;
        }
        if (!enabledFor(ticket.group())) {
            return Outcome.OFF;
        }
        ChannelLimits l = limits.apply(conv.channel());
        if (l != null) {
            Duration left = l.windowRemaining(conv.lastCustomerMessageAt(), now);
            if (l.replyWindow() != null && (left == null || left.isZero())) {
                return Outcome.WINDOW_CLOSED;
            }
            if (l.maxRepliesPerInbound() > 0 && (conv.lastCustomerMessageAt() == null
                    || store.outbox().countSince(c, conv.id(), conv.lastCustomerMessageAt())
                    >= l.maxRepliesPerInbound())) {
                return Outcome.QUOTA;
            }
        }
        Optional<Long> id = store.csatRequests().insert(c, conv.id(), ticket.id(), conv.channel(), now,
                now.plus(config.expiresAfter()));
        if (id.isEmpty()) {
            return Outcome.ALREADY_ASKED;
        }
        replies.enqueue(c, conv, null, OutboundMessage.Author.SYSTEM, null, CsatTexts.request(config.ask(), language),
                null, language, now);
        return Outcome.ASKED;
    }

    /** The customer's typed message as a rating, when it reads as one ({@link RatingReader}). */
    public Optional<InboundContent.Rating> read(String text) {
        return RatingReader.read(text);
    }

    /** The reply to a recorded rating. */
    public String thanks(String language) {
        return config.thanks().in(language);
    }
}
