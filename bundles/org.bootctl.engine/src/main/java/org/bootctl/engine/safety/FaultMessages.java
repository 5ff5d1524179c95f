package org.bootctl.engine.safety;

import java.util.Locale;
import java.util.function.IntToDoubleFunction;
import org.bootctl.api.device.DeviceDescription;
import org.bootctl.api.device.DeviceFault;
import org.bootctl.api.session.Fault;

/**
 * Every fault sentence the engine writes, in docs/DESIGN.md's form: the cause, the zone by number and
 * name (and limb), the pressure seen with one decimal —
 * {@code over-pressure in zone 3 (calf, left): 127.4 mmHg}. Where no channel is concerned the
 * sentence names the channel with the highest pressure, so a person knows the state.
 */
public final class FaultMessages {

    private FaultMessages() {
    }

    /** {@code 127.4} */
    public static String mmHg(double pressure) {
        if (!Double.isFinite(pressure)) {
            return Double.toString(pressure); // a dead sensor's NaN is not "0.0", an empty zone
        }
        double tenths = Math.round(pressure * 10) / 10.0;
        return String.format(Locale.ROOT, "%.1f", tenths == 0 ? 0.0 : tenths); // never "-0.0"
    }

    /** Seconds as a person says them: {@code 20 s}, {@code 2.5 s}. */
    public static String seconds(long nanos) {
        double s = nanos / 1e9;
        return s == Math.rint(s) ? (long) s + " s" : String.format(Locale.ROOT, "%.1f s", s);
    }

    /** {@code <cause> in zone N (name, limb): X mmHg[<detail>]}. */
    public static Fault atChannel(DeviceDescription device, String cause, int channel, double pressure, String detail) {
        String message = cause + " in " + device.describe(channel) + ": " + mmHg(pressure) + " mmHg"
                + (detail == null || detail.isEmpty() ? "" : detail);
        return fault(device, cause, channel, pressure, message);
    }

    /** {@code <cause>[<detail>]; highest pressure in zone N (name, limb): X mmHg}. */
    public static Fault withHighest(DeviceDescription device, String cause, String detail,
                                    IntToDoubleFunction pressures) {
        int channel = highest(device.channelCount(), pressures);
        double pressure = pressures.applyAsDouble(channel);
        String message = cause + (detail == null ? "" : detail) + "; highest pressure in "
                + device.describe(channel) + ": " + mmHg(pressure) + " mmHg";
        return fault(device, cause, channel, pressure, message);
    }

    /** A fault the device reported, on its channel when it names one, else with the highest pressure. */
    public static Fault fromDevice(DeviceDescription device, DeviceFault reported, IntToDoubleFunction pressures) {
        String cause = reported.kind().words();
        int channel = reported.channel();
        return channel >= 0 && channel < device.channelCount()
                ? atChannel(device, cause, channel, pressures.applyAsDouble(channel), null)
                : withHighest(device, cause, null, pressures);
    }

    /** A fault with a sentence of its own; still names channel, zone and pressure. */
    public static Fault fault(DeviceDescription device, String cause, int channel, double pressure, String message) {
        return new Fault(cause, device.channel(channel).id(), device.channel(channel).zone(),
                Math.round(pressure * 10) / 10.0, message);
    }

    /**
     * A channel that is not rising as it should, in the words of what fills it: the fit check's (what
     * a person checks first is the garment), or {@code <cause> in zone N (…): X mmHg, <how> (<likely>)}.
     */
    static Fault notRising(SafetyInputs in, int channel, double pressure, String cause, String how, String likely) {
        ExpectedFills fills = in.expectedFills();
        if (fills.active(channel) && fills.purpose() == ExpectedFills.Purpose.FIT_CHECK) {
            return fault(in.device(), "fit check", channel, pressure, "fit check: " + in.device().describe(channel)
                    + " not connected or leaking: pressure not rising while filling, " + mmHg(pressure)
                    + " mmHg (" + how + ")");
        }
        return atChannel(in.device(), cause, channel, pressure, ", " + how + " (" + likely + ")");
    }

    /** The channel with the highest pressure (the first of equals). */
    public static int highest(int channels, IntToDoubleFunction pressures) {
        int best = 0;
        for (int c = 1; c < channels; c++) {
            if (pressures.applyAsDouble(c) > pressures.applyAsDouble(best)) {
                best = c;
            }
        }
        return best;
    }
}
