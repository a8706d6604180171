package dev.baton.core.cluster;

import dev.baton.core.channel.Channel;
import dev.baton.core.conversation.ConversationEvents;
import dev.baton.core.store.Database;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Relays "something changed" events ({@link ConversationEvents}) between the Baton instances on one PostgreSQL
 * database with {@code LISTEN}/{@code NOTIFY}, so that an agent's inbox page refreshes whichever instance made the
 * change. {@link #publish} only queues: a send task on the injected executor sends what is queued in one
 * {@code pg_notify} statement; the listener, a daemon thread started by {@link #start}, holds one connection of its
 * own (outside the pool) and hands the other instances' events to the sink, never this instance's own.
 *
 * <p>Like the events themselves, relaying is best effort: an event sent while another instance's listener is
 * reconnecting is not seen there, and inbox pages also refresh on a timer. Payloads are {@code <instance>|<id>|<kind>}.
 *
 * <p>The same channel carries "the knowledge folder changed" ({@link #publishKnowledgeChanged}, kind
 * {@value #KNOWLEDGE}): an instance that approved a draft tells the others to sync their index now; and "an agent is
 * typing" ({@link #publishTyping}, kind {@value #TYPING}): the customer's web-chat connection may be open on another
 * instance than the agent's browser.
 */
public final class ClusterEvents implements AutoCloseable {

    /** The PostgreSQL notification channel. */
    public static final String CHANNEL = "baton_events";

    private static final Logger log = LoggerFactory.getLogger(ClusterEvents.class);
    private static final int MAX_BATCH = 500;
    private static final int MAX_QUEUED = 10_000;
    /** The payload kind of a knowledge change (not a conversation event). */
    static final String KNOWLEDGE = "knowledge";
    /** The payload kind of an agent's typing notice: {@code typing|<channel>|<agent>|<customer>}, URL-encoded parts. */
    static final String TYPING = "typing";

    /** An agent typing to a customer, as another instance relays it. */
    @FunctionalInterface
    public interface Typing {
        void agentTyping(Channel channel, String customerId, String agentName);
    }

    private final Database db;
    private final String instanceId;
    private final Executor sender;
    private final Queue<String> outgoing = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean sendScheduled = new AtomicBoolean();
    private volatile ConversationEvents sink;
    private volatile Runnable knowledgeChanged = () -> { };
    private volatile Typing typingElsewhere = (channel, customer, agent) -> { };
    private volatile boolean running;
    private volatile Connection listening;
    private volatile boolean listenerReady;
    private Thread listener;

    /**
     * @param db         the shared PostgreSQL database
     * @param instanceId this instance's id (its own events are not handed back to it)
     * @param sender     runs the send tasks: a single named thread with a bounded queue, owned by the caller
     */
    public ClusterEvents(Database db, String instanceId, Executor sender) {
        if (!db.isPostgres()) {
            throw new IllegalArgumentException("relaying events between instances needs PostgreSQL");
        }
        this.db = db;
        this.instanceId = Objects.requireNonNull(instanceId);
        this.sender = sender;
    }

    /** Queues an event of this instance for the others. Quick, never throws; dropped when the queue is full. */
    public void publish(long conversationId, ConversationEvents.Kind kind) {
        queue(instanceId + "|" + conversationId + "|" + kind.name());
    }

    /** Tells the other instances that the knowledge folder changed (a draft approved here). Quick, never throws. */
    public void publishKnowledgeChanged() {
        queue(instanceId + "|0|" + KNOWLEDGE);
    }

    /** Tells the other instances that an agent is typing to a customer (whose connection may be open there). */
    public void publishTyping(Channel channel, String customerId, String agentName) {
        queue(instanceId + "|0|" + TYPING + "|" + encode(channel.key()) + "|" + encode(agentName) + "|"
                + encode(customerId));
    }

    /** What to do (on the listener thread: quickly) when another instance relays an agent's typing notice. */
    public void onTyping(Typing t) {
        this.typingElsewhere = Objects.requireNonNull(t);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    /** What to run (on the listener thread: hand long work to another thread) when another instance changed it. */
    public void onKnowledgeChanged(Runnable r) {
        this.knowledgeChanged = Objects.requireNonNull(r);
    }

    private void queue(String payload) {
        if (outgoing.size() >= MAX_QUEUED) {
            log.debug("cluster event dropped: {} waiting to be sent", MAX_QUEUED);
            return;
        }
        outgoing.add(payload);
        if (sendScheduled.compareAndSet(false, true)) {
            try {
                sender.execute(this::sendQueued);
            } catch (RejectedExecutionException e) {
                sendScheduled.set(false);
                log.debug("cluster events not sent (shutting down)");
            }
        }
    }

    /** Starts listening; {@code fromOthers} gets every event another instance publishes, on the listener thread. */
    public synchronized void start(ConversationEvents fromOthers) {
        if (listener != null) {
            throw new IllegalStateException("already started");
        }
        this.sink = Objects.requireNonNull(fromOthers);
        running = true;
        listener = new Thread(this::listen, "baton-cluster-events");
        listener.setDaemon(true);
        listener.start();
    }

    /** True once the listener is connected and listening (for start-up checks and tests). */
    public boolean listening() {
        return listenerReady;
    }

    private void sendQueued() {
        try {
            while (!outgoing.isEmpty()) {
                List<String> batch = new ArrayList<>();
                String p;
                while (batch.size() < MAX_BATCH && (p = outgoing.poll()) != null) {
                    batch.add(p);
                }
                send(batch);
            }
        } catch (RuntimeException e) {
            log.warn("cluster events not sent: {}", e.toString());
        } finally {
            sendScheduled.set(false);
            if (!outgoing.isEmpty() && sendScheduled.compareAndSet(false, true)) {
                try {
                    sender.execute(this::sendQueued);
                } catch (RejectedExecutionException e) {
                    sendScheduled.set(false);
                }
            }
        }
    }

    private void send(List<String> batch) {
        db.withConnection(c -> {
            Array payloads = c.createArrayOf("text", batch.toArray());
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_notify(?, p) FROM unnest(?) AS p")) {
                ps.setString(1, CHANNEL);
                ps.setArray(2, payloads);
                ps.execute();
            } finally {
                payloads.free();
            }
            return null;
        });
    }

    private void listen() {
        long backoff = 500;
        while (running) {
            try (Connection c = db.connectOutsidePool()) {
                listening = c;
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + CHANNEL);
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                listenerReady = true;
                backoff = 500;
                while (running) {
                    PGNotification[] notes = pg.getNotifications(1000);
                    if (notes != null) {
                        for (PGNotification n : notes) {
                            deliver(n.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                listenerReady = false;
                if (!running) {
                    return;
                }
                log.warn("cluster events: listener lost its connection ({}); reconnecting in {} ms", e.toString(),
                        backoff);
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    return;
                }
                backoff = Math.min(30_000, backoff * 2);
            } finally {
                listenerReady = false;
                listening = null;
            }
        }
    }

    private void deliver(String payload) {
        String[] p = payload.split("\\|", 3);
        if (p.length != 3 || p[0].equals(instanceId)) {
            return;
        }
        try {
            if (KNOWLEDGE.equals(p[2])) {
                knowledgeChanged.run();
                return;
            }
            if (p[2].startsWith(TYPING + "|")) {
                String[] t = p[2].split("\\|", -1);
                if (t.length == 4) {
                    typingElsewhere.agentTyping(Channel.of(decode(t[1])), decode(t[3]), decode(t[2]));
                }
                return;
            }
            sink.changed(Long.parseLong(p[1]), ConversationEvents.Kind.valueOf(p[2]));
        } catch (IllegalArgumentException e) {
            log.debug("cluster event ignored: {}", payload);
        } catch (RuntimeException e) {
            log.warn("cluster event not delivered: {}", e.toString());
        }
    }

    /** Stops listening and closes the listener's connection (the send executor is its owner's to shut down). */
    @Override
    public synchronized void close() {
        running = false;
        Connection c = listening;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing anyway
            }
        }
        if (listener != null) {
            listener.interrupt();
            try {
                listener.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
