package org.bootctl.web;

import java.util.concurrent.ConcurrentHashMap;

/**
 * How many of something (event streams, requests in flight) one client address may hold at once,
 * so one client cannot take all the server has. Only clients holding one have an entry: the table
 * is as small as the number held.
 */
final class ClientQuota {

    private final int perClient;
    private final ConcurrentHashMap<String, Integer> open = new ConcurrentHashMap<>();

    /** @param perClient how many one client may hold; 0 or less: no limit per client */
    ClientQuota(int perClient) {
        this.perClient = perClient;
    }

    int perClient() {
        return perClient;
    }

    /** Counts one more for this client, unless it holds its share already. */
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

    /** One of this client's has ended (once per successful {@link #tryOpen}). */
    void closed(String client) {
        if (perClient > 0) {
            open.computeIfPresent(client, (c, n) -> n <= 1 ? null : n - 1);
        }
    }

    /** How many this client holds now. */
    int open(String client) {
        return open.getOrDefault(client, 0);
    }
}
