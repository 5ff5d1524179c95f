package org.bootctl.api.device;

import java.util.ArrayList;
import java.util.List;

/**
 * What the engine knows of one boot unit: identity, garment and limits. Immutable. The unit's own
 * strings (model, serial, firmware) are kept as {@link DeviceText#clean} makes them, fit for a log or a page.
 * A driver builds it once, after its handshake, and returns it from {@link BootConnection#description()};
 * where the unit and the driver's model description disagree on a limit, the driver gives the lower.
 *
 * <p>What the engine enforces from it: no session target above {@code hardLimitMmHg - 10}
 * ({@code S-HEADROOM}); a vent-all and a fault when any channel goes above
 * min(hard limit - 5, session limit + 15) ({@code S-OVERPRESSURE-ABS}); a fault for a reading below
 * -10 mmHg or above {@code sensorFullScaleMmHg} ({@code S-SENSOR-RANGE}); a fault when no sample
 * came for max(250 ms, 3 periods of {@code sampleRateHz}) ({@code S-STALE-TELEMETRY}). See
 * docs/SAFETY.md.
 *
 * @param id                  the device id, unique in one runtime (chosen by configuration or the
 *                            driver); the value of {@link BootConnection#DEVICE_ID}. Not null
 * @param model               model id, e.g. {@code RB2-L5}; cleaned
 * @param serial              serial number; cleaned, may be null where the unit has none
 * @param firmware            firmware version; cleaned, may be null where the unit does not say
 * @param limbs               1 or 2
 * @param zones               distal (index 1) to proximal, at least one; copied
 * @param channels            in the device's own order: the order of samples, valves and setpoints;
 *                            at least one, {@link Channel#index()} equal to the position; copied
 * @param hardLimitMmHg       the firmware's hard limit, mmHg
 * @param sensorFullScaleMmHg the pressure sensor's full scale, mmHg
 * @param regulation          who regulates pressure: which of {@link HostRegulatedConnection#actuate} and
 *                            {@link DeviceRegulatedConnection#setpoints} the engine calls
 * @param sampleRateHz        telemetry rate, samples a second, above 0
 */
public record DeviceDescription(String id, String model, String serial, String firmware, int limbs,
                                List<Zone> zones, List<Channel> channels, double hardLimitMmHg,
                                double sensorFullScaleMmHg, RegulationMode regulation, int sampleRateHz) {

    /**
     * Checks and copies the components, and cleans the unit's strings.
     *
     * @param id                  the device id
     * @param model               model id
     * @param serial              serial number, or null
     * @param firmware            firmware version, or null
     * @param limbs               1 or 2
     * @param zones               distal to proximal, at least one
     * @param channels            in the device's own order, at least one
     * @param hardLimitMmHg       the firmware's hard limit, mmHg
     * @param sensorFullScaleMmHg the sensor's full scale, mmHg
     * @param regulation          who regulates pressure
     * @param sampleRateHz        telemetry rate, above 0
     * @throws IllegalArgumentException for limbs other than 1 or 2, no zones or no channels, or a
     *                                  sample rate not above 0
     * @throws NullPointerException     for null zones or channels
     */
    public DeviceDescription {
        model = DeviceText.clean(model);
        serial = DeviceText.clean(serial);
        firmware = DeviceText.clean(firmware);
        zones = List.copyOf(zones);
        channels = List.copyOf(channels);
        if (limbs < 1 || limbs > 2) {
            throw new IllegalArgumentException("a garment has 1 or 2 limbs, not " + limbs);
        }
        if (zones.isEmpty() || channels.isEmpty()) {
            throw new IllegalArgumentException("a device needs zones and channels");
        }
        if (sampleRateHz <= 0) {
            throw new IllegalArgumentException("sample rate must be positive: " + sampleRateHz);
        }
    }

    /**
     * A description of a known model: zones named from the model, channels limb-major
     * ({@code channel = limb * zones + zone - 1}, as on RB2) or one per zone.
     *
     * @param id           the device id (see {@link #id()})
     * @param spec         the model: limbs, zone names, limits, regulation
     * @param serial       the unit's serial number, or null
     * @param firmware     the unit's firmware version, or null
     * @param sampleRateHz the telemetry rate the driver set the unit to, above 0
     * @return the description, with channels as {@link #channels(int, int, boolean)} makes them
     */
    public static DeviceDescription of(String id, ModelSpec spec, String serial, String firmware, int sampleRateHz) {
        List<Zone> zones = new ArrayList<>();
        for (int z = 1; z <= spec.zones(); z++) {
            zones.add(new Zone(z, spec.zoneNames().get(z - 1)));
        }
        return new DeviceDescription(id, spec.model(), serial, firmware, spec.limbs(), zones,
                channels(spec.zones(), spec.limbs(), spec.pressurePerLimb()), spec.hardLimitMmHg(),
                spec.sensorFullScaleMmHg(), spec.regulation(), sampleRateHz);
    }

    /**
     * Channels limb-major with L/R ids for two limbs with a pressure each, otherwise one Z channel per zone.
     *
     * @param zones           zones per limb, at least 1
     * @param limbs           1 or 2
     * @param pressurePerLimb whether each limb's chamber has its own pressure (see {@link ModelSpec})
     * @return {@code L1..Ln, R1..Rn} (indexes 0 to 2n-1) or {@code Z1..Zn}; a new, modifiable list
     */
    public static List<Channel> channels(int zones, int limbs, boolean pressurePerLimb) {
        List<Channel> channels = new ArrayList<>();
        if (limbs == 2 && pressurePerLimb) {
            for (Limb limb : Limb.values()) {
                for (int z = 1; z <= zones; z++) {
                    channels.add(new Channel(channels.size(), "" + limb.letter() + z, z, limb));
                }
            }
        } else {
            for (int z = 1; z <= zones; z++) {
                channels.add(new Channel(channels.size(), "Z" + z, z, null));
            }
        }
        return channels;
    }

    /**
     * How many zones a limb has.
     *
     * @return the size of {@link #zones()}
     */
    public int zoneCount() {
        return zones.size();
    }

    /**
     * How many channels every sample, valve array and setpoint array has.
     *
     * @return the size of {@link #channels()}
     */
    public int channelCount() {
        return channels.size();
    }

    /**
     * One zone by its number.
     *
     * @param index 1 (distal) to {@link #zoneCount()}
     * @return the zone
     * @throws IndexOutOfBoundsException for any other index
     */
    public Zone zone(int index) {
        return zones.get(index - 1);
    }

    /**
     * One channel by its position.
     *
     * @param index 0 to {@link #channelCount()} - 1
     * @return the channel
     * @throws IndexOutOfBoundsException for any other index
     */
    public Channel channel(int index) {
        return channels.get(index);
    }

    /**
     * A channel in words a person can act on: {@code zone 3 (calf, left)}, or {@code zone 3 (calf)}.
     *
     * @param channelIndex 0 to {@link #channelCount()} - 1
     * @return the words fault messages use for that channel
     */
    public String describe(int channelIndex) {
        Channel channel = channel(channelIndex);
        String name = zone(channel.zone()).name();
        return channel.limb() == null
                ? "zone " + channel.zone() + " (" + name + ")"
                : "zone " + channel.zone() + " (" + name + ", " + channel.limb().word() + ")";
    }
}
