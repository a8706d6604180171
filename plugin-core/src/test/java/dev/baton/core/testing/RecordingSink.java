package dev.baton.core.testing;

import dev.baton.core.channel.Channel;
import dev.baton.core.channel.DeliveryStatus;
import dev.baton.core.channel.InboundMessage;
import dev.baton.core.channel.InboundSink;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An {@link InboundSink} for adapter tests: records what it accepts, deduplicates like the real inbound log, and
 * lets a test script the replies that {@link #awaitReplies} returns.
 */
public final class RecordingSink implements InboundSink {

    private final Map<String, Long> ids = new ConcurrentHashMap<>();
    private final List<InboundMessage> accepted = new CopyOnWriteArrayList<>();
    private final List<DeliveryStatus> statuses = new CopyOnWriteArrayList<>();
    private final List<String> alerts = new CopyOnWriteArrayList<>();
    private final Map<Long, List<String>> scriptedReplies = new ConcurrentHashMap<>();
    private final Map<String, List<String>> pending = new ConcurrentHashMap<>();
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
    public PassiveReplies awaitReplies(long inboundId, Duration timeout) {
        if (replyDelay.compareTo(timeout) > 0) {
            sleep(timeout);
            return new PassiveReplies(List.of(), false);
        }
        sleep(replyDelay);
        List<String> replies = scriptedReplies.remove(inboundId);
        return replies == null ? new PassiveReplies(List.of(), false) : new PassiveReplies(replies, true);
    }

    @Override
    public PassiveReplies claimPending(Channel channel, String customerId) {
        List<String> replies = pending.remove(channel.key() + "|" + customerId);
        return new PassiveReplies(replies == null ? List.of() : replies, true);
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
