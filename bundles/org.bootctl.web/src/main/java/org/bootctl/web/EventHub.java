package org.bootctl.web;

import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

/** The clients of the event stream; one that cannot take an event is dropped, never waited for. */
final class EventHub {

    /** One client: takes a chunk without blocking, or says it cannot (gone, or too far behind). */
    interface Subscriber {
        boolean send(byte[] chunk);

        void close();
    }

    private final Set<Subscriber> subscribers = new CopyOnWriteArraySet<>();

    void add(Subscriber subscriber) {
        subscribers.add(subscriber);
    }

    void remove(Subscriber subscriber) {
        subscribers.remove(subscriber);
    }

    int size() {
        return subscribers.size();
    }

    boolean isEmpty() {
        return subscribers.isEmpty();
    }

    void broadcast(byte[] chunk) {
        for (Subscriber subscriber : subscribers) {
            send(subscriber, chunk);
        }
    }

    /** Sends to one client; drops it when it cannot take the chunk. */
    void send(Subscriber subscriber, byte[] chunk) {
        if (!subscriber.send(chunk)) {
            subscribers.remove(subscriber);
            subscriber.close();
        }
    }

    void closeAll() {
        for (Subscriber subscriber : subscribers) {
            subscribers.remove(subscriber);
            subscriber.close();
        }
    }
}
