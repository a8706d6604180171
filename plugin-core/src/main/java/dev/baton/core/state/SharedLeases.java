package dev.baton.core.state;

/**
 * Named leases shared by every Baton instance on the same database, for work that must run on one instance at a time
 * (a platform token refresh, a message sync with a cursor). {@link #tryAcquire} never waits: a caller that does not
 * get the lease leaves the work to its holder. A lease lasts while its holder is alive (renewed by the holder's
 * heartbeat) or until {@link #release}; the lease of an instance that died expires and can be taken.
 *
 * <p>With one instance ({@link #local()}) every lease is granted at once and {@link #shared()} is false, so a caller
 * keeps its single-process behaviour.
 */
public interface SharedLeases {

    /** True when other instances share the database: leases are real and state must go through the database. */
    boolean shared();

    /** Takes (or keeps) the lease {@code name}; false when another live instance holds it. */
    boolean tryAcquire(String name);

    /** Gives the lease back (if this instance holds it). */
    void release(String name);

    /** One instance: every lease is granted, nothing is shared. */
    static SharedLeases local() {
        return new SharedLeases() {
            @Override
            public boolean shared() {
                return false;
            }

            @Override
            public boolean tryAcquire(String name) {
                return true;
            }

            @Override
            public void release(String name) {
                // nothing to give back
            }
        };
    }
}
