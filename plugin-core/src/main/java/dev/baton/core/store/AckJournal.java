package dev.baton.core.store;

import dev.baton.core.channel.Channel;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.zip.CRC32;

/**
 * The inbound rows that were acknowledged to a platform but may not be in H2's file yet: appended to a small file next
 * to the database ({@code <database>.acks}) once their transaction committed, and put back into the inbound log when
 * the database is opened after a crash.
 *
 * <p>Why: the webhook ack path must not lose what it acknowledged, and H2 writes commits to its file up to 500 ms
 * late. Making H2 write first costs a new chunk of its copy-on-write file per write, about 0.6 ms of serialising
 * pages even when acks share one ({@link GroupCommit}): on two cores the ack rate fell to a third. Appending a few
 * hundred bytes here costs one {@code write} per group of acks. A row is only needed here until H2 has written it,
 * so the file is emptied after a {@code CHECKPOINT} once its oldest entry is {@value #MAX_AGE_MILLIS} ms old or it
 * holds {@value #MAX_BYTES} bytes (checked at every append and at every database call, so a quiet server empties it
 * too). Putting a row back is idempotent: the inbound log is unique on (channel, platform message id).
 *
 * <p>Like H2's own writes, an append reaches the operating system, not the disk: it survives the process being
 * killed, not a power cut. Entries are {@code [length][CRC-32][fields]}; a torn last entry (the process was killed
 * while writing it, before its ack) is ignored. Thread-safe.
 */
final class AckJournal implements AutoCloseable {

    /** One acknowledged inbound row, as {@link InboundLog#insert} stores it. */
    record Entry(Channel channel, String platformMessageId, String customerId, String payload, Instant receivedAt) {
    }

    static final long MAX_AGE_MILLIS = 1_000;
    static final long MAX_BYTES = 4L << 20;

    /** The rows the current {@link Database} call on this thread acknowledged; see {@link #swapPending}. */
    private static final ThreadLocal<List<Entry>> PENDING = ThreadLocal.withInitial(ArrayList::new);

    private final Path file;
    private final FileChannel channel;
    private final GroupCommit.Flush checkpoint;
    private final LongSupplier nanoTime;
    private final GroupCommit writes = new GroupCommit(this::writeBuffered);
    private final Object bufferLock = new Object();
    private ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final Object fileLock = new Object();
    private long end;
    /** {@code nanoTime} of the first append since the file was last emptied, or -1 while it is empty. */
    private volatile long oldest = -1;

    /**
     * @param checkpoint writes H2's committed changes to its file, after which the entries are no longer needed
     * @param nanoTime   the monotonic clock that ages entries ({@code System::nanoTime}; a fake in tests)
     */
    AckJournal(Path file, GroupCommit.Flush checkpoint, LongSupplier nanoTime) throws IOException {
        this.file = file;
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        this.checkpoint = checkpoint;
        this.nanoTime = nanoTime;
        this.end = channel.size();
        if (end > 0) {
            oldest = nanoTime.getAsLong();
        }
    }

    /** Records that the current database call acknowledges this row (called by {@link InboundLog#insert}). */
    static void acknowledge(Entry entry) {
        PENDING.get().add(entry);
    }

    /** Replaces this thread's pending acknowledgements and returns the previous ones (a call's own, at its end). */
    static List<Entry> swapPending(List<Entry> replacement) {
        List<Entry> previous = PENDING.get();
        PENDING.set(replacement);
        return previous;
    }

    /** Returns once {@code entries} (committed rows) are in the file, sharing one write with concurrent callers. */
    void append(List<Entry> entries) {
        synchronized (bufferLock) {
            for (Entry e : entries) {
                encode(e, buffer);
            }
        }
        writes.await();
    }

    /** Empties the file if its oldest entry is due; cheap when it is not. */
    void truncateIfStale() {
        long first = oldest;
        if (first >= 0 && nanoTime.getAsLong() - first >= TimeUnit.MILLISECONDS.toNanos(MAX_AGE_MILLIS)) {
            try {
                synchronized (fileLock) {
                    truncateIfDue();
                }
            } catch (IOException | SQLException e) {
                throw new StoreException("could not empty " + file + ": " + e.getMessage(), e);
            }
        }
    }

    /** Writes H2's changes to its file and empties this one (after putting entries back, and when closing). */
    void checkpointAndTruncate() {
        try {
            synchronized (fileLock) {
                checkpoint.run();
                truncate();
            }
        } catch (IOException | SQLException e) {
            throw new StoreException("could not empty " + file + ": " + e.getMessage(), e);
        }
    }

    /** Every complete entry in the file, oldest first; a torn or damaged tail ends the list. */
    List<Entry> read() throws IOException {
        synchronized (fileLock) {
            ByteBuffer all = ByteBuffer.allocate((int) Math.min(channel.size(), Integer.MAX_VALUE));
            channel.read(all, 0);
            all.flip();
            List<Entry> out = new ArrayList<>();
            while (all.remaining() >= 8) {
                int length = all.getInt();
                int crc = all.getInt();
                if (length < 0 || length > all.remaining()) {
                    break;
                }
                byte[] body = new byte[length];
                all.get(body);
                CRC32 check = new CRC32();
                check.update(body);
                if ((int) check.getValue() != crc) {
                    break;
                }
                Entry e = decode(ByteBuffer.wrap(body));
                if (e != null) {
                    out.add(e);
                }
            }
            return out;
        }
    }

    Path file() {
        return file;
    }

    /** Bytes in the file now (for tests). */
    long size() {
        synchronized (fileLock) {
            return end;
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // the entries stay in the file and are put back at the next start, which is harmless
        }
    }

    /** {@link GroupCommit}'s write: everything buffered so far, after emptying the file if it is due. */
    private void writeBuffered() throws IOException, SQLException {
        byte[] batch;
        synchronized (bufferLock) {
            batch = buffer.toByteArray();
            buffer = new ByteArrayOutputStream();
        }
        if (batch.length == 0) {
            return;
        }
        synchronized (fileLock) {
            truncateIfDue();
            ByteBuffer b = ByteBuffer.wrap(batch);
            while (b.hasRemaining()) {
                end += channel.write(b, end);
            }
            if (oldest < 0) {
                oldest = nanoTime.getAsLong();
            }
        }
    }

    /**
     * Every entry in the file belongs to a committed row (entries are appended after the commit), so after a
     * {@code CHECKPOINT} they are all in H2's file and can go. Holds {@link #fileLock}: no append runs meanwhile.
     */
    private void truncateIfDue() throws IOException, SQLException {
        long first = oldest;
        boolean old = first >= 0
                && nanoTime.getAsLong() - first >= TimeUnit.MILLISECONDS.toNanos(MAX_AGE_MILLIS);
        if (old || end >= MAX_BYTES) {
            checkpoint.run();
            truncate();
        }
    }

    private void truncate() throws IOException {
        channel.truncate(0);
        end = 0;
        oldest = -1;
    }

    private static void encode(Entry e, ByteArrayOutputStream out) {
        ByteArrayOutputStream body = new ByteArrayOutputStream(64 + e.payload().length());
        try (DataOutputStream d = new DataOutputStream(body)) {
            writeString(d, e.channel().key());
            writeString(d, e.platformMessageId());
            writeString(d, e.customerId());
            writeString(d, e.payload());
            d.writeLong(e.receivedAt().getEpochSecond());
            d.writeInt(e.receivedAt().getNano());
        } catch (IOException impossible) {
            throw new IllegalStateException(impossible);
        }
        byte[] bytes = body.toByteArray();
        CRC32 crc = new CRC32();
        crc.update(bytes);
        ByteBuffer header = ByteBuffer.allocate(8).putInt(bytes.length).putInt((int) crc.getValue());
        out.writeBytes(header.array());
        out.writeBytes(bytes);
    }

    private static void writeString(DataOutputStream d, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        d.writeInt(b.length);
        d.write(b);
    }

    /** Null for an entry whose channel key is not a valid key (a damaged entry): skipped. */
    private static Entry decode(ByteBuffer b) {
        String key = readString(b);
        Channel channel = Channel.isValidKey(key) ? Channel.of(key) : null;
        String id = readString(b);
        String customer = readString(b);
        String payload = readString(b);
        Instant at = Instant.ofEpochSecond(b.getLong(), b.getInt());
        return channel == null ? null : new Entry(channel, id, customer, payload, at);
    }

    private static String readString(ByteBuffer b) {
        byte[] s = new byte[b.getInt()];
        b.get(s);
        return new String(s, StandardCharsets.UTF_8);
    }
}
