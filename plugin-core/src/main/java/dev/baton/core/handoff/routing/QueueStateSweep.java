package dev.baton.core.handoff.routing;

import dev.baton.core.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Removes the per-ticket queue notes in {@code kv_state} ({@code queue-position/<ticket>} of {@link PositionUpdates},
 * {@code queue-timeout/<ticket>} of {@link QueueTimeouts}) once their ticket is resolved (or gone): they only matter
 * while a ticket is queued. Runs periodically on the inbox scheduler; safe with several Baton instances (a resolved
 * ticket never becomes active again, so a deleted note is never needed).
 */
public final class QueueStateSweep implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(QueueStateSweep.class);
    static final List<String> PREFIXES = List.of("queue-position/", "queue-timeout/");
    private static final int CHUNK = 200;

    private final Database db;

    public QueueStateSweep(Database db) {
        this.db = db;
    }

    @Override
    public void run() {
        try {
            int n = sweep();
            if (n > 0) {
                log.debug("removed {} queue note(s) of closed tickets", n);
            }
        } catch (RuntimeException e) {
            log.warn("queue note clean-up failed: {}", e.toString());
        }
    }

    /** Deletes the notes of tickets that are resolved or no longer exist; returns how many. */
    public int sweep() {
        return db.withConnection(c -> {
            Map<Long, List<String>> byTicket = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT k FROM kv_state WHERE k LIKE ? OR k LIKE ?")) {
                ps.setString(1, PREFIXES.get(0) + "%");
                ps.setString(2, PREFIXES.get(1) + "%");
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String k = rs.getString(1);
                        try {
                            long id = Long.parseLong(k.substring(k.indexOf('/') + 1));
                            byTicket.computeIfAbsent(id, x -> new ArrayList<>()).add(k);
                        } catch (NumberFormatException e) {
                            // not one of ours
                        }
                    }
                }
            }
            List<Long> ids = new ArrayList<>(byTicket.keySet());
            Set<Long> active = new HashSet<>();
            for (int i = 0; i < ids.size(); i += CHUNK) {
                active.addAll(active(c, ids.subList(i, Math.min(ids.size(), i + CHUNK))));
            }
            int deleted = 0;
            try (PreparedStatement del = c.prepareStatement("DELETE FROM kv_state WHERE k = ?")) {
                for (Map.Entry<Long, List<String>> e : byTicket.entrySet()) {
                    if (active.contains(e.getKey())) {
                        continue;
                    }
                    for (String k : e.getValue()) {
                        del.setString(1, k);
                        deleted += del.executeUpdate();
                    }
                }
            }
            return deleted;
        });
    }

    /** Which of these tickets exist and are not resolved. */
    private static Set<Long> active(Connection c, List<Long> ids) throws SQLException {
        Set<Long> out = new HashSet<>();
        if (ids.isEmpty()) {
            return out;
        }
        String marks = String.join(",", java.util.Collections.nCopies(ids.size(), "?"));
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM handoff_tickets WHERE status <> 'RESOLVED' "
                + "AND id IN (" + marks + ")")) {
            for (int i = 0; i < ids.size(); i++) {
                ps.setLong(i + 1, ids.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
        }
        return out;
    }
}
