package org.bootctl.fleet;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.bootctl.api.session.Telemetry;

/**
 * What waits to be published, filled from the engine's listener threads without ever blocking
 * them, emptied by the one publisher thread. Every part is bounded: telemetry keeps only each
 * device's newest frame; device changes one flag per device; events and replies a fixed number,
 * beyond which they are dropped and counted (the count goes out on {@code events} once the link
 * is back). Records are not here: they come from history.jsonl ({@link HistoryCursor}).
 */
final class Outbox {

    static final int EVENT_CAPACITY = 1000;
    static final int REPLY_CAPACITY = 200;

    /** One event as it happened; made into JSON on the publisher thread. */
    record Event(String type, Instant time, String device, Object data) {
    }

    private final ArrayBlockingQueue<Event> events;
    private final ArrayBlockingQueue<RemoteCommands.Reply> replies = new ArrayBlockingQueue<>(REPLY_CAPACITY);
    private final AtomicLong droppedEvents = new AtomicLong();
    private final AtomicLong droppedReplies = new AtomicLong();
    /** Device id to whether it is connected, for each device whose retained message is out of date. */
    private final Map<String, Boolean> changedDevices = new ConcurrentHashMap<>();
    private final Map<String, Telemetry> telemetry = new ConcurrentHashMap<>();
    private final Runnable wake;

    /** @param wake unparks the publisher; must not block */
    Outbox(Runnable wake) {
        this(wake, EVENT_CAPACITY);
    }

    /** @param eventCapacity how many events wait for the broker before more are dropped and counted */
    Outbox(Runnable wake, int eventCapacity) {
        this.wake = wake;
        this.events = new ArrayBlockingQueue<>(eventCapacity);
    }

    void event(Event event) {
        if (!events.offer(event)) {
            droppedEvents.incrementAndGet();
        }
        wake.run();
    }

    void reply(RemoteCommands.Reply reply) {
        if (!replies.offer(reply)) {
            droppedReplies.incrementAndGet();
        }
        wake.run();
    }

    void deviceChanged(String deviceId, boolean online) {
        changedDevices.put(deviceId, online);
        wake.run();
    }

    void telemetry(Telemetry frame) {
        telemetry.put(frame.deviceId(), frame);
    }

    void telemetryGone(String deviceId) {
        telemetry.remove(deviceId);
    }

    Event peekEvent() {
        return events.peek();
    }

    void eventSent() {
        events.poll();
    }

    RemoteCommands.Reply peekReply() {
        return replies.peek();
    }

    void replySent() {
        replies.poll();
    }

    /** Events dropped since the last call; the caller publishes the count. */
    long takeDroppedEvents() {
        return droppedEvents.getAndSet(0);
    }

    void restoreDroppedEvents(long count) {
        droppedEvents.addAndGet(count);
    }

    long droppedReplies() {
        return droppedReplies.get();
    }

    /** The devices changed since the last call, each with whether it is connected. */
    Map<String, Boolean> takeChangedDevices() {
        Map<String, Boolean> taken = new java.util.TreeMap<>();
        for (String id : new ArrayList<>(changedDevices.keySet())) {
            Boolean online = changedDevices.remove(id);
            if (online != null) {
                taken.put(id, online);
            }
        }
        return taken;
    }

    /** Puts changes back that could not be published (the link went). */
    void restoreChangedDevices(Map<String, Boolean> changes) {
        changes.forEach(changedDevices::putIfAbsent);
    }

    List<Telemetry> telemetryFrames() {
        return new ArrayList<>(telemetry.values());
    }
}
