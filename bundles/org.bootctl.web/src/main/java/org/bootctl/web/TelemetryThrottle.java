package org.bootctl.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bootctl.api.session.Telemetry;

/**
 * Keeps the newest frame of each device: the engine's 50 Hz ticks come in, and each drain (10-20
 * times a second) takes the frames that came since the last one, one per device.
 */
final class TelemetryThrottle {

    private final Map<String, Telemetry> fresh = new ConcurrentHashMap<>();

    void offer(Telemetry frame) {
        fresh.put(frame.deviceId(), frame);
    }

    List<Telemetry> drain() {
        List<Telemetry> frames = new ArrayList<>(fresh.size());
        for (String device : fresh.keySet()) {
            Telemetry frame = fresh.remove(device);
            if (frame != null) {
                frames.add(frame);
            }
        }
        return frames;
    }
}
