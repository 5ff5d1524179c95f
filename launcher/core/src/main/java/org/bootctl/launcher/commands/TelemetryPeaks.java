package org.bootctl.launcher.commands;

import org.bootctl.api.session.Telemetry;
import org.bootctl.api.session.TelemetryListener;

/** Registered as a whiteboard listener: the highest pressure seen per channel during one session. */
final class TelemetryPeaks implements TelemetryListener {

    private volatile String sessionId;
    private double[] peaks = new double[0];
    private double highest;

    void follow(String session) {
        sessionId = session;
    }

    @Override
    public synchronized void telemetry(Telemetry frame) {
        String session = sessionId;
        if (session == null || !session.equals(frame.sessionId())) {
            return;
        }
        double[] pressures = frame.pressures();
        if (peaks.length < pressures.length) {
            double[] grown = new double[pressures.length];
            System.arraycopy(peaks, 0, grown, 0, peaks.length);
            peaks = grown;
        }
        for (int i = 0; i < pressures.length; i++) {
            peaks[i] = Math.max(peaks[i], pressures[i]);
            highest = Math.max(highest, pressures[i]);
        }
    }

    /** The highest pressure on any channel so far, mmHg. */
    synchronized double highest() {
        return highest;
    }

    /** Per channel in device order, mmHg. */
    synchronized double[] perChannel() {
        return peaks.clone();
    }
}
