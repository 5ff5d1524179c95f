package org.bootctl.engine.loop;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicReference;
import org.bootctl.api.device.DeviceFault;

/**
 * What one tick starts from, taken once at its start from what other threads left for the loop:
 * the time, the newest sample, the faults the device reported, the latch and the callers' requests.
 * Immutable; the tick passes it down instead of asking the inbox, the latch or the queue again.
 *
 * @param now            the loop's time at the start of the tick
 * @param arrival        the newest sample as it was when the tick began, or null before the first
 * @param lastSampleNanos when that sample arrived (or the device connected, before the first)
 * @param reportedFault  the first fault the device reported since the last tick, or null (the rest said no more)
 * @param sampleFault    the fault latched in the newest sample by the device's firmware, or null
 * @param latch          the latch as the tick began; a pending emergency stop is the tick's to apply
 * @param requests       the callers' requests since the last tick, in order
 */
record TickInputs(long now, DeviceInbox.Arrival arrival, long lastSampleNanos, DeviceFault reportedFault,
                  DeviceFault sampleFault, LatchState latch, List<Request> requests) {

    /** Takes what other threads left: the inbox's reports and the request queue are drained, a pending emergency stop is taken on. */
    static TickInputs take(long now, DeviceInbox inbox, AtomicReference<LatchState> latch, Queue<Request> queue) {
        DeviceInbox.Arrival arrival = inbox.newest();
        DeviceFault reported = inbox.pollReported();
        while (inbox.pollReported() != null) {
            // drained: the first report latches, the rest say no more
        }
        LatchState state = latch.getAndUpdate(LatchState::estopApplied);
        List<Request> requests = List.of();
        for (Request r = queue.poll(); r != null; r = queue.poll()) {
            if (requests.isEmpty()) {
                requests = new ArrayList<>(2);
            }
            requests.add(r);
        }
        return new TickInputs(now, arrival, inbox.lastSampleNanos(arrival), reported, inbox.latchedIn(arrival), state,
                requests.isEmpty() ? requests : List.copyOf(requests));
    }

    /** Whether the device itself reported a fault on this tick (clearing it then asks the device). */
    boolean deviceReported() {
        return reportedFault != null || sampleFault != null;
    }
}
