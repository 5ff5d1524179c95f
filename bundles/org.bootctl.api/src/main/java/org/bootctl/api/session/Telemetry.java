package org.bootctl.api.session;

import org.bootctl.api.device.Valve;

/**
 * One control tick of one device, as listeners see it. The arrays are the listener's own copies.
 *
 * @param deviceId   the device
 * @param sessionId  its session, or null when idle
 * @param timeMs     session time in ms (device time when idle)
 * @param state      session state word
 * @param cycle      1-based; 0 before the first
 * @param step       index in the cycle; -1 outside
 * @param pressures  mmHg per channel in device order
 * @param targets    target mmHg per channel (0 = vent)
 * @param valves     valve per channel, or null where the device regulates
 * @param pump       pump duty 0..255, or -1 where the device regulates
 */
public record Telemetry(String deviceId, String sessionId, long timeMs, SessionState state, int cycle, int step,
                        double[] pressures, double[] targets, Valve[] valves, int pump) {
}
