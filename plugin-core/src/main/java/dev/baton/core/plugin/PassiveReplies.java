package dev.baton.core.plugin;

import dev.baton.core.channel.Channel;
import dev.baton.core.channel.InboundMessage;
import dev.baton.core.channel.InboundSink;
import dev.baton.core.channel.OutboundMessage;
import dev.baton.core.conversation.Author;
import dev.baton.core.conversation.ConversationState;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The optional capability of channels whose replies leave in answer to a request rather than through a send API:
 * WeChat passive mode puts the reply in its HTTP response to the platform, the dev channel returns it in its API
 * response and lets its client poll for later ones. Only adapters that declare they need it
 * ({@link PassiveChannelAdapter}) get it; the others see the plain {@link InboundSink}.
 *
 * <p>The engine implements it. Replies a caller waits for are <em>held</em> back from the outbox while it waits
 * (for at most 30 s, so a caller who never comes back cannot hold a reply forever); a <em>claimed</em> reply is never
 * delivered by the outbox, because the caller delivers it itself.
 */
public interface PassiveReplies extends InboundSink {

    /**
     * Like {@link #accept}, and the replies to these messages are held back from the outbox from the start (about 30
     * s) because the caller will {@link #awaitReplies} them. Holding before processing starts closes the race where
     * the outbox would send a reply before the caller asks for it.
     */
    List<Receipt> acceptHeld(List<InboundMessage> messages);

    /**
     * Waits up to {@code timeout} for the replies produced for one inbound message and <em>claims</em> them. Returns
     * what was ready.
     */
    Claimed awaitReplies(long inboundId, Duration timeout);

    /**
     * Claims the replies for this customer that are stored but not yet delivered (a reply that missed its request
     * goes out with the customer's next one).
     */
    Claimed claimPending(Channel channel, String customerId);

    /**
     * Waits up to {@code timeout} until one inbound message has been processed and returns every reply it produced,
     * without claiming them (the outbox delivers them as usual). Used to show replies (the dev channel) or to act on
     * what the turn did (see {@link #conversation}).
     */
    Turn awaitTurn(long inboundId, Duration timeout);

    /** A customer's replies after a given reply id, whatever their delivery state, oldest first (a client's poll). */
    List<Reply> repliesAfter(Channel channel, String customerId, long afterId);

    /** The customer's current conversation on this channel, if they have one. */
    Optional<ConversationStatus> conversation(Channel channel, String customerId);

    /**
     * The conversation as its customer sees it, for a client that shows the history (a web widget): what they wrote
     * and every message sent to them (the bot's, the agents' with the agent's name, the notices), oldest first, and
     * nothing else: no platform events, no line only agents see, no knowledge file name. At most the {@code limit}
     * latest lines after {@code afterId} (0 for the start); the ids increase, so the last one seen is the cursor to
     * resume from. A customer's line appears when their message has been processed (with the replies of that turn).
     */
    List<Line> transcript(Channel channel, String customerId, long afterId, int limit);

    /**
     * Replies claimed by {@link #awaitReplies} or {@link #claimPending}.
     *
     * @param texts    the reply texts, in order
     * @param complete true when processing of the inbound message finished (no more replies will come)
     */
    record Claimed(List<String> texts, boolean complete) {
        public Claimed {
            texts = List.copyOf(texts);
        }

        public Optional<String> joined() {
            return texts.isEmpty() ? Optional.empty() : Optional.of(String.join("\n\n", texts));
        }
    }

    /**
     * What {@link #awaitTurn} saw.
     *
     * @param complete true when the inbound message has been processed
     * @param replies  the replies it produced (empty when not complete)
     */
    record Turn(boolean complete, List<Reply> replies) {
        public Turn {
            replies = List.copyOf(replies);
        }
    }

    /** One reply: its outbox id (increasing, the cursor of {@link #repliesAfter}), who wrote it, its text. */
    record Reply(long id, OutboundMessage.Author author, String text) {
    }

    /**
     * One line of {@link #transcript}.
     *
     * @param id         the transcript line's id (increasing: the resume cursor)
     * @param inboundId  the inbound log row of a customer's line (what {@link #accept} returned for it), else null
     * @param authorName the agent's name on an agent's line, else null
     */
    record Line(long id, Long inboundId, Author author, String authorName, String text, Instant at) {
    }

    /**
     * A conversation's id and who is answering it.
     *
     * @param agent the agent who has it (state HUMAN), else null
     * @param queue where it waits (state QUEUED), else null
     */
    record ConversationStatus(long id, ConversationState state, String agent, Queue queue) {

        /** A status without agent or queue details. */
        public ConversationStatus(long id, ConversationState state) {
            this(id, state, null, null);
        }

        /** True when people have it: queued for an agent or served by one. */
        public boolean withHumans() {
            return !state.botMaySpeak();
        }
    }

    /**
     * A queued conversation's place.
     *
     * @param position     1 for the next one to be taken
     * @param expectedWait the estimate the customer was given for such a position (position × average handle time)
     * @param groupClosed  true when its group is outside business hours now (the customer was told when it opens)
     */
    record Queue(int position, Duration expectedWait, boolean groupClosed) {
    }
}
