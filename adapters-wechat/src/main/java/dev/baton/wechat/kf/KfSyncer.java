package dev.baton.wechat.kf;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.core.channel.InboundContent;
import dev.baton.core.channel.InboundMessage;
import dev.baton.core.channel.InboundSink;
import dev.baton.core.state.KeyValueStore;
import dev.baton.core.state.SharedLeases;
import dev.baton.wechat.api.WxApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Pulls messages with {@code sync_msg} after a {@code kf_msg_or_event} callback, on the background executor (never
 * inline with the callback). One pull runs at a time per {@code open_kfid}; callbacks that arrive meanwhile are
 * coalesced into one more pull. The cursor is stored in the key-value state under
 * {@code wecom-kf.cursor.<open_kfid>} only after the sink accepted the page, so a crash or a sink failure re-reads
 * the page (the sink de-duplicates by msgid). Pages are followed while {@code has_more} is 1.
 *
 * <p>With several Baton instances ({@link SharedLeases#shared()}) the callback may reach any of them, and the cursor
 * is the cluster's: pulls run under the lease {@code kf-sync/<open_kfid>}, one instance at a time. An instance that
 * gets a callback first records that a pull is wanted ({@code wecom-kf.wanted.<open_kfid>}: a fresh nonce and the
 * callback's token), then tries the lease; if another instance holds it, that instance pulls once more after it lets
 * go, because it compares the nonce it saw when its last pull began with the current one after giving the lease back.
 */
final class KfSyncer {

    static final String CURSOR_KEY_PREFIX = "wecom-kf.cursor.";
    static final String WANTED_KEY_PREFIX = "wecom-kf.wanted.";
    private static final int MAX_PAGES_PER_RUN = 100;
    private static final Logger log = LoggerFactory.getLogger(KfSyncer.class);

    private final KfApi api;
    private final KeyValueStore state;
    private final ExecutorService background;
    private final KfSessions sessions;
    private final SharedLeases leases;
    private final KfMessageMapper mapper = new KfMessageMapper();
    private final Map<String, Lane> lanes = new ConcurrentHashMap<>();

    KfSyncer(KfApi api, KeyValueStore state, ExecutorService background, KfSessions sessions) {
        this(api, state, background, sessions, SharedLeases.local());
    }

    KfSyncer(KfApi api, KeyValueStore state, ExecutorService background, KfSessions sessions, SharedLeases leases) {
        this.leases = leases;
        this.api = api;
        this.state = state;
        this.background = background;
        this.sessions = sessions;
    }

    /** Schedules a pull for {@code openKfid} with the callback's token. Returns at once. */
    void trigger(String openKfid, String callbackToken, InboundSink sink) {
        Lane lane = lanes.computeIfAbsent(openKfid, Lane::new);
        lane.token = callbackToken;
        lane.sink = sink;
        lane.again.set(true);
        schedule(lane);
    }

    private void schedule(Lane lane) {
        if (!lane.running.compareAndSet(false, true)) {
            return;
        }
        try {
            background.execute(() -> drain(lane));
        } catch (RejectedExecutionException e) {
            lane.running.set(false);
            log.warn("wecom-kf: background executor refused the sync for {}; the next callback retries", lane.openKfid);
        }
    }

    private void drain(Lane lane) {
        try {
            while (lane.again.getAndSet(false)) {
                if (leases.shared()) {
                    syncAsTheCluster(lane);
                } else {
                    syncOnce(lane, lane.token);
                }
            }
        } catch (RuntimeException e) {
            log.error("wecom-kf: sync for {} failed", lane.openKfid, e);
        } finally {
            lane.running.set(false);
            if (lane.again.get()) {
                schedule(lane);
            }
        }
    }

    /** Pulls as one of several instances: see the class comment. */
    private void syncAsTheCluster(Lane lane) {
        String wantedKey = WANTED_KEY_PREFIX + lane.openKfid;
        String lease = "kf-sync/" + lane.openKfid;
        state.put(wantedKey, UUID.randomUUID() + " " + (lane.token == null ? "" : lane.token));
        while (true) {
            if (!leases.tryAcquire(lease)) {
                return; // its holder pulls again once it lets go
            }
            String seen;
            try {
                do {
                    seen = state.get(wantedKey).orElse("");
                    String token = seen.indexOf(' ') >= 0 ? seen.substring(seen.indexOf(' ') + 1) : "";
                    syncOnce(lane, token.isEmpty() ? lane.token : token);
                } while (!seen.equals(state.get(wantedKey).orElse("")));
            } finally {
                leases.release(lease);
            }
            if (seen.equals(state.get(wantedKey).orElse(""))) {
                return;
            }
        }
    }

    private void syncOnce(Lane lane, String token) {
        String key = CURSOR_KEY_PREFIX + lane.openKfid;
        String cursor = state.get(key).orElse(null);
        for (int page = 0; page < MAX_PAGES_PER_RUN; page++) {
            JsonNode answer;
            try {
                answer = api.syncMsg(lane.openKfid, token, cursor);
            } catch (WxApiException e) {
                log.warn("wecom-kf: sync_msg for {} failed: {}", lane.openKfid, e.getMessage());
                return;
            }
            List<InboundMessage> batch = new ArrayList<>();
            for (JsonNode msg : answer.path("msg_list")) {
                Optional<InboundMessage> m = mapper.map(msg);
                m.ifPresent(im -> {
                    note(im, msg);
                    batch.add(im);
                });
            }
            if (!batch.isEmpty()) {
                lane.sink.accept(batch); // throws → cursor stays, the page is read again next time
            }
            String next = answer.path("next_cursor").asText("");
            if (!next.isEmpty()) {
                state.put(key, next);
                cursor = next;
            }
            if (answer.path("has_more").asInt(0) != 1 || next.isEmpty()) {
                return;
            }
        }
    }

    private void note(InboundMessage m, JsonNode raw) {
        String kfid = m.channelAccount();
        if (m.content() instanceof InboundContent.Event e && e.kind() == InboundContent.EventKind.ENTER_SESSION) {
            sessions.enteredSession(kfid, m.customerId(), raw.path("event").path("welcome_code").asText(null));
        } else if (!(m.content() instanceof InboundContent.Event) && !(m.content() instanceof InboundContent.ServicerReply)) {
            sessions.customerWrote(kfid, m.customerId());
        }
    }

    private static final class Lane {
        final String openKfid;
        final AtomicBoolean running = new AtomicBoolean();
        final AtomicBoolean again = new AtomicBoolean();
        volatile String token;
        volatile InboundSink sink;

        Lane(String openKfid) {
            this.openKfid = openKfid;
        }
    }
}
