package dev.baton.web.api;

import dev.baton.core.channel.WebhookRequest;
import dev.baton.core.channel.WebhookResponse;
import dev.baton.core.conversation.ConversationState;
import dev.baton.core.plugin.PassiveReplies;
import dev.baton.web.config.WebConfig;
import dev.baton.web.identity.Visitor;
import dev.baton.web.live.StreamSlots;
import dev.baton.web.live.Wakeups;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * {@code POST /api/web/stream}: the visitor's live feed as server-sent events. It starts after the last line the
 * widget saw ({@code Last-Event-ID}, else {@code after} in the body), so a widget that lost its connection, or whose
 * server restarted, resumes without a gap or a repeat: the cursor is the transcript's own line id, kept in the
 * database. Events: {@code message} (with {@code id:} the line id), {@code state} (on start and on every change),
 * {@code rating} (a rating is asked). The stream ends after {@code life}; the widget reconnects from its last id.
 * Each stream holds a server thread, so their number is bounded ({@link StreamSlots}).
 */
final class StreamApi {

    /** Lines sent at most per read; a widget that missed more gets the latest (its history has the rest). */
    static final int BATCH = 200;
    private static final Duration HEARTBEAT = Duration.ofSeconds(15);

    private final StreamSlots slots;
    private final Wakeups wakeups;
    private final Duration life;
    private final Duration poll;

    /**
     * @param life how long one stream stays open before the widget reconnects
     * @param poll how often it reads the store when no reply woke it (an agent's claim, another instance's reply)
     */
    StreamApi(StreamSlots slots, Wakeups wakeups, Duration life, Duration poll) {
        this.slots = slots;
        this.wakeups = wakeups;
        this.life = life;
        this.poll = poll;
    }

    WebhookResponse open(Visitor visitor, WebhookRequest request, long after, PassiveReplies sink) {
        long cursor = Math.max(after, lastEventId(request));
        StreamSlots.Slot slot = slots.acquire(visitor.customerId()).orElseThrow(() ->
                new RateLimited("open streams", Duration.ofSeconds(5)));
        return WebhookResponse.stream(200, "text/event-stream; charset=utf-8",
                out -> {
                    try (slot) {
                        new Feed(visitor.customerId(), cursor, sink, out).run();
                    } finally {
                        wakeups.release(visitor.customerId());
                    }
                })
                .withHeader("Cache-Control", "no-store")
                .withHeader("X-Accel-Buffering", "no");
    }

    private static long lastEventId(WebhookRequest request) {
        try {
            return Long.parseLong(request.header("Last-Event-ID").orElse("0").strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** One open stream's loop. */
    private final class Feed {
        private final String customerId;
        private final PassiveReplies sink;
        private final OutputStream out;
        private long cursor;
        private Map<String, Object> lastState;
        private long offered = -1;

        Feed(String customerId, long cursor, PassiveReplies sink, OutputStream out) {
            this.customerId = customerId;
            this.cursor = cursor;
            this.sink = sink;
            this.out = out;
        }

        void run() throws IOException {
            long end = System.nanoTime() + life.toNanos();
            long quietSince = System.nanoTime();
            write("retry: 2000\n\n");
            while (true) {
                long generation = wakeups.generation(customerId);
                if (read()) {
                    quietSince = System.nanoTime();
                }
                out.flush();
                long left = end - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                try {
                    wakeups.await(customerId, generation, Duration.ofNanos(Math.min(left, poll.toNanos())));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return; // the server is stopping
                }
                if (System.nanoTime() - quietSince >= HEARTBEAT.toNanos()) {
                    write(": ping\n\n"); // keeps proxies from closing an idle connection; fails once the client left
                    quietSince = System.nanoTime();
                }
            }
        }

        /** Sends what is new; true when anything was written. */
        private boolean read() throws IOException {
            boolean wrote = false;
            List<PassiveReplies.Line> lines = sink.transcript(WebConfig.CHANNEL, customerId, cursor, BATCH);
            for (PassiveReplies.Line line : lines) {
                event(line.id(), "message", LineView.message(line));
                cursor = line.id();
                wrote = true;
            }
            PassiveReplies.ConversationStatus status = sink.conversation(WebConfig.CHANNEL, customerId).orElse(null);
            Map<String, Object> state = LineView.state(status);
            boolean changed = !Objects.equals(state, lastState);
            if (changed) {
                event(-1, "state", state);
                lastState = state;
                wrote = true;
            }
            ConversationState now = status == null ? ConversationState.BOT : status.state();
            if (now == ConversationState.BOT && (changed || !lines.isEmpty())) {
                OptionalLong episode = MessageApi.episode(now, sink.transcript(WebConfig.CHANNEL, customerId, 0,
                        LineView.RATING_WINDOW));
                if (episode.isPresent() && episode.getAsLong() != offered) {
                    offered = episode.getAsLong();
                    event(-1, "rating", Map.of("episode", offered));
                    wrote = true;
                }
            }
            return wrote;
        }

        private void event(long id, String name, Object data) throws IOException {
            write((id > 0 ? "id: " + id + "\n" : "") + "event: " + name + "\ndata: " + Json.write(data) + "\n\n");
        }

        private void write(String s) throws IOException {
            out.write(s.getBytes(StandardCharsets.UTF_8));
        }
    }
}
