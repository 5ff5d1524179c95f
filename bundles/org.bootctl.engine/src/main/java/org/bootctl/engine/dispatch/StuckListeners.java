package org.bootctl.engine.dispatch;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Threads left inside listeners that went (they did not return when interrupted), counted per
 * plugin (the class loader of the listener's class: a bundle's revision). A plugin that has left
 * {@link ListenerDispatcher#MOST_STUCK} gets no thread for its next listeners until one returns: a
 * bundle that registers and unregisters a listener that never returns ten thousand times holds a
 * few threads, not ten thousand, and no other bundle's listeners are refused.
 */
final class StuckListeners {

    private final int most;
    private final Map<Object, AtomicInteger> byPlugin = new ConcurrentHashMap<>();

    StuckListeners(int most) {
        this.most = most;
    }

    private static Object plugin(Object listener) {
        ClassLoader loader = listener.getClass().getClassLoader();
        return loader != null ? loader : StuckListeners.class;
    }

    boolean full(Object listener) {
        AtomicInteger n = byPlugin.get(plugin(listener));
        return n != null && n.get() >= most;
    }

    void left(Object listener) {
        byPlugin.computeIfAbsent(plugin(listener), k -> new AtomicInteger()).incrementAndGet();
    }

    void returned(Object listener) {
        byPlugin.computeIfPresent(plugin(listener), (k, n) -> n.decrementAndGet() <= 0 ? null : n);
    }
}
