package org.bootctl.api.device;

import java.util.ArrayList;
import java.util.List;

/**
 * What the engine knows of one boot unit: identity, garment and limits. Immutable. The unit's own
 * strings (model, serial, firmware) are kept as {@link DeviceText#clean} makes them, fit for a log or a page.
 *
 * @param id                  the device id, unique in one runtime (chosen by configuration or the driver)
 * @param model               model id, e.g. {@code RB2-L5}
 * @param serial              serial number
 * @param firmware            firmware version
 * @param limbs               1 or 2
 * @param zones               distal (index 1) to proximal
 * @param channels            in the device's own order: the order of samples, valves and setpoints
 * @param hardLimitMmHg       the firmware's hard limit
 * @param sensorFullScaleMmHg the pressure sensor's full scale
 * @param regulation          who regulates pressure
 * @param sampleRateHz        telemetry rate
 */
public record DeviceDescription(String id, String model, String serial, String firmware, int limbs,
                                List<Zone> zones, List<Channel> channels, double hardLimitMmHg,
                                double sensorFullScaleMmHg, RegulationMode regulation, int sampleRateHz) {

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

    /** Channels limb-major with L/R ids for two limbs with a pressure each, otherwise one Z channel per zone. */
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

    public int zoneCount() {
        return zones.size();
    }

    public int channelCount() {
        return channels.size();
    }

    public Zone zone(int index) {
        return zones.get(index - 1);
    }

    public Channel channel(int index) {
        return channels.get(index);
    }

    /** A channel in words a person can act on: {@code zone 3 (calf, left)}, or {@code zone 3 (calf)}. */
    public String describe(int channelIndex) {
        Channel channel = channel(channelIndex);
        String name = zone(channel.zone()).name();
        return channel.limb() == null
                ? "zone " + channel.zone() + " (" + name + ")"
                : "zone " + channel.zone() + " (" + name + ", " + channel.limb().word() + ")";
    }
}
