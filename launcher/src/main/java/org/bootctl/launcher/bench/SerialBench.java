package org.bootctl.launcher.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.bootctl.launcher.cli.Invocation;

/**
 * The RB2 serial link: the RB2 driver talking BCP/2 through a socat pseudo-terminal to the RB2
 * emulator, 100 Hz telemetry with 16 channels (RB2-M8): telemetry frames lost (from the
 * TELEMETRY frame counter), and the time from a command sent until telemetry shows it applied.
 */
final class SerialBench {

    static final int HZ = 100;
    static final int CHANNELS = 16;
    static final String DRIVER_BUNDLE = "org.bootctl.driver.rb2";
    static final String SERIAL_BUNDLE = "jSerialComm";

    /** What one run showed. */
    record Result(int hz, int channels, int seconds, long framesLost, long framesReceived, double latencyP50Ms,
                  double latencyP99Ms) {
    }

    private SerialBench() {
    }

    /** Why the serial link cannot be measured from this installation, or null when it can. */
    static String unavailable(Invocation invocation) {
        Path bundles = invocation.distribution().bundles();
        if (!contains(bundles, DRIVER_BUNDLE) || !contains(bundles, SERIAL_BUNDLE)) {
            return "this distribution has no RB2 driver yet (" + DRIVER_BUNDLE + " and jSerialComm are not among"
                    + " its bundles), so there is no serial link to measure";
        }
        return "the RB2 driver reports neither missed telemetry frames nor command latency through the API"
                + " (its counters are private to the driver bundle), so frames lost and latency cannot be read";
    }

    private static boolean contains(Path bundles, String artifact) {
        try (Stream<Path> files = Files.walk(bundles)) {
            return files.anyMatch(f -> f.getFileName().toString().startsWith(artifact + "-"));
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
