package dev.baton.core.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;

/**
 * What makes a write to an H2 database on disk survive the process being killed, although H2 writes commits to its
 * file up to 500 ms after they return. After a {@link Database} call that wrote:
 * <ul>
 *   <li>if all it wrote were inbound rows about to be acknowledged to a platform (the webhook ack path), they are
 *       appended to the {@link AckJournal} (cheap: one small {@code write} per group of acks) and put back from there
 *       if the process dies before H2 wrote them;</li>
 *   <li>otherwise (a reply marked SENT, a turn, an agent's action) the call waits for a {@code CHECKPOINT} that
 *       started after its commit, shared with the calls waiting at the same time ({@link GroupCommit}).</li>
 * </ul>
 * For an H2 server reached over the network ({@code tcp:}, {@code ssl:}) there is no local journal: every write waits
 * for a {@code CHECKPOINT}.
 */
final class H2Durability implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(H2Durability.class);

    private final H2Checkpoint checkpoint;
    private final GroupCommit groupCommit;
    /** Null for a remote H2 server. */
    private final AckJournal journal;

    private H2Durability(H2Checkpoint checkpoint, AckJournal journal) {
        this.checkpoint = checkpoint;
        this.groupCommit = new GroupCommit(checkpoint);
        this.journal = journal;
    }

    /**
     * @param local whether the database files are on this machine (then the journal lies next to them)
     */
    static H2Durability open(String jdbcUrl, String user, String password, boolean local) {
        H2Checkpoint checkpoint = new H2Checkpoint(jdbcUrl, user, password);
        try {
            String path = local ? checkpoint.databasePath() : null;
            AckJournal journal = path == null ? null
                    : new AckJournal(Path.of(path + ".acks"), checkpoint, System::nanoTime);
            return new H2Durability(checkpoint, journal);
        } catch (SQLException e) {
            checkpoint.close();
            throw new StoreException(e);
        } catch (IOException e) {
            checkpoint.close();
            throw new StoreException("could not open the acknowledgement journal: " + e.getMessage(), e);
        }
    }

    /**
     * At start-up, after the migrations: puts back the acknowledged inbound rows that H2 had not written when the
     * process died, then writes everything to the file. Returns how many rows were missing.
     */
    int recover(Database db) {
        int missing = 0;
        if (journal != null) {
            List<AckJournal.Entry> entries;
            try {
                entries = journal.read();
            } catch (IOException e) {
                throw new StoreException("could not read " + journal.file() + ": " + e.getMessage(), e);
            }
            if (!entries.isEmpty()) {
                InboundLog inbound = new InboundLog(false);
                missing = db.inTransaction(c -> {
                    int n = 0;
                    for (AckJournal.Entry e : entries) {
                        n += inbound.insert(c, e.channel(), e.platformMessageId(), e.customerId(), e.payload(),
                                e.receivedAt()).duplicate() ? 0 : 1;
                    }
                    return n;
                });
            }
            journal.checkpointAndTruncate();
        } else {
            groupCommit.await(); // the schema; and a clear error now if CHECKPOINT is not allowed
        }
        if (missing > 0) {
            log.warn("put back {} acknowledged inbound message(s) that the database file had not received before the "
                    + "process stopped; they will be answered now", missing);
        }
        return missing;
    }

    /** Before a call: empties the journal if its entries are surely in H2's file by now. */
    void beforeCall() {
        if (journal != null) {
            journal.truncateIfStale();
        }
    }

    /**
     * After a call committed and gave its connection back.
     *
     * @param writes statements it wrote ({@link Sql#update}, {@link Sql#insert})
     * @param acks   the inbound rows it acknowledges; each was one of those writes
     */
    void afterCall(long writes, List<AckJournal.Entry> acks) {
        if (writes == 0) {
            return;
        }
        if (journal != null && writes == acks.size()) {
            journal.append(acks);
        } else {
            groupCommit.await();
        }
    }

    /** (calls that waited for a CHECKPOINT, CHECKPOINTs that served them), for tests. */
    long[] groupCommitCounts() {
        return new long[] {groupCommit.requests(), groupCommit.flushes()};
    }

    /** The journal, null for a remote H2 server (for tests). */
    AckJournal journal() {
        return journal;
    }

    /** Writes everything to H2's file, empties the journal (kept if that fails: it is put back next time). */
    @Override
    public void close() {
        if (journal != null) {
            try {
                journal.checkpointAndTruncate();
            } catch (StoreException e) {
                log.warn("closing the database: {}; the acknowledgement journal is kept for the next start",
                        e.getMessage());
            }
            journal.close();
        }
        checkpoint.close();
    }
}
