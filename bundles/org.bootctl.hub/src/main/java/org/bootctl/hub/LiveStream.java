package org.bootctl.hub;

import com.google.gson.JsonElement;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The hub's live events for its SSE clients. Each client has a bounded queue; a client that
 * falls 256 events behind is dropped (its browser reconnects and reloads), so a slow reader
 * never holds the MQTT thread or the hub's memory. At most 64 clients at once.
 */
final class LiveStream {

    static final int QUEUE = 256;
    static final int MAX_CLIENTS = 64;

    /** One client's queue; {@code overflowed} once it fell behind. */
    static final class Client {
        final BlockingQueue<String> queue = new ArrayBlockingQueue<>(QUEUE);
        volatile boolean overflowed;
    }

    private final Set<Client> clients = ConcurrentHashMap.newKeySet();

    /** A new client, or null when there are too many. */
    synchronized Client join() {
        if (clients.size() >= MAX_CLIENTS) {
            return null;
        }
        Client c = new Client();
        clients.add(c);
        return c;
    }

    void leave(Client c) {
        clients.remove(c);
    }

    void publish(String event, JsonElement data) {
        if (clients.isEmpty()) {
            return;
        }
        String chunk = "event: " + event + "\ndata: " + data + "\n\n";
        for (Client c : clients) {
            if (!c.queue.offer(chunk)) {
                c.overflowed = true;
            }
        }
    }

    int clients() {
        return clients.size();
    }
}
