package org.bootctl.api.session;

import org.osgi.annotation.versioning.ProviderType;

/**
 * How punctually one device's control loop ticked over a measuring window (see
 * {@link LoopStatistics}): the number of ticks and their lateness, the time from when a tick was
 * due to when it began. An immutable snapshot made by the engine; read by benchmarks and
 * diagnostics. Percentiles are read from a histogram, as a bucket's upper bound (never
 * flattering); the maximum is exact.
 */
@ProviderType
public interface LoopTiming {

    /**
     * The device.
     *
     * @return the device id, or null for several loops together
     */
    String deviceId();

    /**
     * How many ticks were counted.
     *
     * @return the number of ticks in the window
     */
    long ticks();

    /**
     * The latest tick's lateness.
     *
     * @return ms
     */
    double maxLatenessMillis();

    /**
     * The lateness that a share {@code quantile} (0..1) of the ticks did not exceed, never above
     * the maximum; 0 without ticks.
     *
     * @param quantile 0..1, e.g. 0.99
     * @return ms
     * @throws IllegalArgumentException for a quantile outside 0..1
     */
    double latenessMillis(double quantile);
}
