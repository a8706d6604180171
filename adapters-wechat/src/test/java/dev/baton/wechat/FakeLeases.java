package dev.baton.wechat;

import dev.baton.core.state.SharedLeases;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Leases shared by several simulated Baton instances in one test, as the database's lease table would be: one holder
 * per name, re-entrant for that holder. Counts how many leases were ever held at the same time per name.
 */
public final class FakeLeases {

    private final Map<String, String> holders = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> concurrent = new ConcurrentHashMap<>();
    private final AtomicInteger maxConcurrent = new AtomicInteger();

    /** The view of instance {@code id}. */
    public SharedLeases instance(String id) {
        return new SharedLeases() {
            @Override
            public boolean shared() {
                return true;
            }

            @Override
            public boolean tryAcquire(String name) {
                String holder = holders.putIfAbsent(name, id);
                if (holder == null) {
                    int n = concurrent.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
                    maxConcurrent.accumulateAndGet(n, Math::max);
                    return true;
                }
                return holder.equals(id);
            }

            @Override
            public void release(String name) {
                if (holders.remove(name, id)) {
                    concurrent.get(name).decrementAndGet();
                }
            }
        };
    }

    /** The most holders any one name ever had at once (1 when leases did their job). */
    public int maxConcurrent() {
        return maxConcurrent.get();
    }

    public String holder(String name) {
        return holders.get(name);
    }
}
