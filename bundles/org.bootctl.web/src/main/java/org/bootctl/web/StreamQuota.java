package org.bootctl.web;

import java.util.concurrent.ConcurrentHashMap;

/**
 * How many event streams one client address may hold open at once, so one client cannot take
 * every stream the server allows. Only clients with a stream open have an entry: the table is as
 * small as the number of open streams.
 */
final class StreamQuota {

    private final int perClient;
    private final ConcurrentHashMap<String, Integer> open = new ConcurrentHashMap<>();

    /** @param perClient streams one client may hold open; 0 or less: no limit per client */
    StreamQuota(int perClient) {
        this.perClient = perClient;
    }

    int perClient() {
        return perClient;
    }

    /** Counts one more stream of this client, unless it holds its share already. */
    boolean tryOpen(String client) {
        if (perClient <= 0) {
            return true;
        }
        boolean[] taken = {false};
        open.compute(client, (c, n) -> {
            int count = n == null ? 0 : n;
            if (count >= perClient) {
                return n;
            }
            taken[0] = true;
            return count + 1;
        });
        return taken[0];
    }

    /** A stream of this client has ended (once per successful {@link #tryOpen}). */
    void closed(String client) {
        if (perClient > 0) {
            open.computeIfPresent(client, (c, n) -> n <= 1 ? null : n - 1);
        }
    }

    /** Streams this client holds open now. */
    int open(String client) {
        return open.getOrDefault(client, 0);
    }
}
