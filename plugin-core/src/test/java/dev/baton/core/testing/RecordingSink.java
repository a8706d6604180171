package dev.baton.core.testing;

import dev.baton.core.channel.Channel;
import dev.baton.core.channel.DeliveryStatus;
import dev.baton.core.channel.InboundMessage;
import dev.baton.core.channel.OutboundMessage;
import dev.baton.core.conversation.ConversationState;
import dev.baton.core.plugin.PassiveReplies;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The engine's side of the channel SPI for adapter tests ({@link PassiveReplies}, and so also the plain sink):
 * records what it accepts, deduplicates like the real inbound log, and lets a test script the replies that
 * {@link #awaitReplies} and {@link #awaitTurn} return and the conversation state {@link #conversation} reports.
 */
public final class RecordingSink implements PassiveReplies {

    private final Map<String, Long> ids = new ConcurrentHashMap<>();
    private final List<InboundMessage> accepted = new CopyOnWriteArrayList<>();
    private final List<DeliveryStatus> statuses = new CopyOnWriteArrayList<>();
    private final List<String> alerts = new CopyOnWriteArrayList<>();
    private final Map<Long, List<String>> scriptedReplies = new ConcurrentHashMap<>();
    private final Map<String, List<String>> pending = new ConcurrentHashMap<>();
    private final Map<String, ConversationStatus> conversations = new ConcurrentHashMap<>();
    private final Map<String, List<Line>> transcripts = new ConcurrentHashMap<>();
    private volatile Duration replyDelay = Duration.ZERO;

    @Override
    public synchronized List<Receipt> accept(List<InboundMessage> messages) {
        List<Receipt> receipts = new ArrayList<>();
        for (InboundMessage m : messages) {
            String key = m.channel().key() + "|" + m.platformMessageId();
            Long existing = ids.get(key);
            if (existing != null) {
                receipts.add(new Receipt(existing, true));
            } else {
                long id = ids.size() + 1L;
                ids.put(key, id);
                accepted.add(m);
                receipts.add(new Receipt(id, false));
            }
        }
        return receipts;
    }

    @Override
    public void deliveryStatus(DeliveryStatus status) {
        statuses.add(status);
    }

    @Override
    public List<Receipt> acceptHeld(List<InboundMessage> messages) {
        return accept(messages);
    }

    @Override
    public Claimed awaitReplies(long inboundId, Duration timeout) {
        if (replyDelay.compareTo(timeout) > 0) {
            sleep(timeout);
            return new Claimed(List.of(), false);
        }
        sleep(replyDelay);
        List<String> replies = scriptedReplies.remove(inboundId);
        return replies == null ? new Claimed(List.of(), false) : new Claimed(replies, true);
    }

    @Override
    public Claimed claimPending(Channel channel, String customerId) {
        List<String> replies = pending.remove(channel.key() + "|" + customerId);
        return new Claimed(replies == null ? List.of() : replies, true);
    }

    /** The scripted replies of an inbound id, not claimed (they stay for {@link #awaitReplies}). */
    @Override
    public Turn awaitTurn(long inboundId, Duration timeout) {
        if (replyDelay.compareTo(timeout) > 0) {
            sleep(timeout);
            return new Turn(false, List.of());
        }
        sleep(replyDelay);
        List<String> texts = scriptedReplies.getOrDefault(inboundId, List.of());
        List<Reply> replies = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            replies.add(new Reply(inboundId * 100 + i, OutboundMessage.Author.BOT, texts.get(i)));
        }
        return new Turn(true, replies);
    }

    @Override
    public List<Reply> repliesAfter(Channel channel, String customerId, long afterId) {
        return List.of();
    }

    /** The state scripted with {@link #scriptConversation}, under conversation id 1; else none. */
    @Override
    public Optional<ConversationStatus> conversation(Channel channel, String customerId) {
        return Optional.ofNullable(conversations.get(channel.key() + "|" + customerId));
    }

    /** What {@link #conversation} reports for this customer from now on (as if a turn had set it). */
    public void scriptConversation(Channel channel, String customerId, ConversationState state) {
        scriptConversation(channel, customerId, new ConversationStatus(1, state));
    }

    /** As {@link #scriptConversation(Channel, String, ConversationState)}, with the agent or the queue place. */
    public void scriptConversation(Channel channel, String customerId, ConversationStatus status) {
        conversations.put(channel.key() + "|" + customerId, status);
    }

    /** The lines of {@link #transcript} after {@code afterId}, the latest {@code limit} of the scripted ones. */
    @Override
    public List<Line> transcript(Channel channel, String customerId, long afterId, int limit) {
        List<Line> after = transcripts.getOrDefault(channel.key() + "|" + customerId, List.of()).stream()
                .filter(l -> l.id() > afterId).toList();
        return after.subList(Math.max(0, after.size() - limit), after.size());
    }

    /** Adds a line to this customer's transcript (as if a turn or an agent had written it). */
    public void scriptLine(Channel channel, String customerId, Line line) {
        transcripts.compute(channel.key() + "|" + customerId, (k, lines) -> {
            List<Line> next = new ArrayList<>(lines == null ? List.of() : lines);
            next.add(line);
            return List.copyOf(next);
        });
    }

    @Override
    public void alert(Channel channel, String code, String message) {
        alerts.add(channel.key() + ":" + code);
    }

    /** The replies {@link #awaitReplies} returns for an inbound id (claimed once). */
    public void scriptReply(long inboundId, String... texts) {
        scriptedReplies.put(inboundId, List.of(texts));
    }

    /** Replies waiting for the customer's next message. */
    public void scriptPending(Channel channel, String customerId, String... texts) {
        pending.put(channel.key() + "|" + customerId, List.of(texts));
    }

    /** How long replies take to be "ready"; longer than the await timeout means not ready. */
    public void replyDelay(Duration delay) {
        this.replyDelay = delay;
    }

    public List<InboundMessage> accepted() {
        return List.copyOf(accepted);
    }

    public List<DeliveryStatus> statuses() {
        return List.copyOf(statuses);
    }

    public List<String> alerts() {
        return List.copyOf(alerts);
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
