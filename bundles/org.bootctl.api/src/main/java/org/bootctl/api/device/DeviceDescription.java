package org.bootctl.api.device;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the engine knows of one boot unit: identity, garment and limits. Immutable. The unit's own
 * strings (model, serial, firmware) are kept as {@link DeviceText#clean} makes them, fit for a log or a page.
 * A driver builds it once, after its handshake, and returns it from {@link BootConnection#description()};
 * where the unit and the driver's model description disagree on a limit, the driver gives the lower.
 * Made with {@link #builder(String)} (or {@link #of(String, ModelDescription, String, String, int)}), so
 * that a field added later, with its default, breaks no driver.
 *
 * <pre>{@code
 * DeviceDescription d = DeviceDescription.builder("acme-1").model(X6)   // zones, channels, limits from the model
 *         .serial(info.serial()).firmware(info.firmware()).sampleRateHz(50)
 *         .hardLimitMmHg(Math.min(info.maxMmHg(), X6.hardLimitMmHg()))
 *         .build();
 * }</pre>
 *
 * <p>What the engine enforces from it: no session target above {@code hardLimitMmHg - 10}
 * ({@code S-HEADROOM}); a vent-all and a fault when any channel goes above
 * min(hard limit - 5, session limit + 15) ({@code S-OVERPRESSURE-ABS}); a fault for a reading below
 * -10 mmHg or above {@code sensorFullScaleMmHg} ({@code S-SENSOR-RANGE}); a fault when no sample
 * came for max(250 ms, 3 periods of {@code sampleRateHz}) ({@code S-STALE-TELEMETRY}). See
 * docs/SAFETY.md.
 */
public final class DeviceDescription {

    private final String id;
    private final String model;
    private final String serial;
    private final String firmware;
    private final int limbs;
    private final List<Zone> zones;
    private final List<Channel> channels;
    private final double hardLimitMmHg;
    private final double sensorFullScaleMmHg;
    private final RegulationMode regulation;
    private final int sampleRateHz;

    private DeviceDescription(Builder b) {
        id = b.id;
        model = DeviceText.clean(b.model);
        serial = DeviceText.clean(b.serial);
        firmware = DeviceText.clean(b.firmware);
        zones = List.copyOf(b.zones);
        channels = List.copyOf(b.channels);
        limbs = b.limbs;
        hardLimitMmHg = b.hardLimitMmHg;
        sensorFullScaleMmHg = b.sensorFullScaleMmHg;
        regulation = Objects.requireNonNull(b.regulation, "regulation");
        sampleRateHz = b.sampleRateHz;
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
     * Starts a description of a unit.
     *
     * @param id the device id, unique in one runtime (chosen by configuration or the driver); the
     *           value of {@link BootConnection#DEVICE_ID}
     * @return a builder; give it a {@link Builder#model(ModelDescription) model}, or every field
     */
    public static Builder builder(String id) {
        return new Builder(id);
    }

    /**
     * A description of a unit of a described model: zones named from the model, channels as
     * {@link #channels(int, int, boolean)} makes them.
     *
     * @param id           the device id (see {@link #id()})
     * @param model        the model: limbs, zone names, limits, regulation
     * @param serial       the unit's serial number, or null
     * @param firmware     the unit's firmware version, or null
     * @param sampleRateHz the telemetry rate the driver set the unit to, above 0
     * @return the description
     */
    public static DeviceDescription of(String id, ModelDescription model, String serial, String firmware,
                                       int sampleRateHz) {
        return builder(id).model(model).serial(serial).firmware(firmware).sampleRateHz(sampleRateHz).build();
    }

    /**
     * A description of a model of the 1.x catalogue.
     *
     * @param id           the device id (see {@link #id()})
     * @param spec         the model: limbs, zone names, limits, regulation
     * @param serial       the unit's serial number, or null
     * @param firmware     the unit's firmware version, or null
     * @param sampleRateHz the telemetry rate the driver set the unit to, above 0
     * @return the description, with channels as {@link #channels(int, int, boolean)} makes them
     * @deprecated use {@link #of(String, ModelDescription, String, String, int)}
     */
    @Deprecated
    public static DeviceDescription of(String id, ModelSpec spec, String serial, String firmware, int sampleRateHz) {
        return of(id, ModelDescription.of(spec), serial, firmware, sampleRateHz);
    }

    /**
     * A builder holding this description's values, to make one that differs in a few.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = new Builder(id);
        b.model = model;
        b.serial = serial;
        b.firmware = firmware;
        b.limbs = limbs;
        b.zones = zones;
        b.channels = channels;
        b.hardLimitMmHg = hardLimitMmHg;
        b.sensorFullScaleMmHg = sensorFullScaleMmHg;
        b.regulation = regulation;
        b.sampleRateHz = sampleRateHz;
        return b;
    }

    /**
     * Channels limb-major with L/R ids for two limbs with a pressure each, otherwise one Z channel per zone.
     *
     * @param zones           zones per limb, at least 1
     * @param limbs           1 or 2
     * @param pressurePerLimb whether each limb's chamber has its own pressure (see {@link ModelDescription})
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
     * The device id, unique in one runtime; the value of {@link BootConnection#DEVICE_ID}.
     *
     * @return not null
     */
    public String id() {
        return id;
    }

    /**
     * The model id.
     *
     * @return e.g. {@code RB2-L5}; cleaned
     */
    public String model() {
        return model;
    }

    /**
     * The serial number.
     *
     * @return cleaned; null where the unit has none
     */
    public String serial() {
        return serial;
    }

    /**
     * The firmware version.
     *
     * @return cleaned; null where the unit does not say
     */
    public String firmware() {
        return firmware;
    }

    /**
     * How many limbs the garment has.
     *
     * @return 1 or 2
     */
    public int limbs() {
        return limbs;
    }

    /**
     * The zones.
     *
     * @return distal (index 1) to proximal, at least one; unmodifiable
     */
    public List<Zone> zones() {
        return zones;
    }

    /**
     * The channels, in the device's own order: the order of samples, valves and setpoints.
     *
     * @return at least one, {@link Channel#index()} equal to the position; unmodifiable
     */
    public List<Channel> channels() {
        return channels;
    }

    /**
     * The firmware's hard limit.
     *
     * @return mmHg
     */
    public double hardLimitMmHg() {
        return hardLimitMmHg;
    }

    /**
     * The pressure sensor's full scale.
     *
     * @return mmHg
     */
    public double sensorFullScaleMmHg() {
        return sensorFullScaleMmHg;
    }

    /**
     * Who regulates pressure: which of {@link HostRegulatedConnection#actuate} and {@link DeviceRegulatedConnection#setpoints}
     * the engine calls.
     *
     * @return host or device
     */
    public RegulationMode regulation() {
        return regulation;
    }

    /**
     * The telemetry rate.
     *
     * @return samples a second, above 0
     */
    public int sampleRateHz() {
        return sampleRateHz;
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

    @Override
    public boolean equals(Object o) {
        return o instanceof DeviceDescription d && Objects.equals(id, d.id) && Objects.equals(model, d.model)
                && Objects.equals(serial, d.serial) && Objects.equals(firmware, d.firmware) && limbs == d.limbs
                && zones.equals(d.zones) && channels.equals(d.channels)
                && Double.compare(hardLimitMmHg, d.hardLimitMmHg) == 0
                && Double.compare(sensorFullScaleMmHg, d.sensorFullScaleMmHg) == 0
                && regulation == d.regulation && sampleRateHz == d.sampleRateHz;
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, model, serial, firmware, limbs, zones, channels, hardLimitMmHg, regulation, sampleRateHz);
    }

    @Override
    public String toString() {
        return "DeviceDescription[id=" + id + ", model=" + model + ", serial=" + serial + ", firmware=" + firmware
                + ", limbs=" + limbs + ", zones=" + zones.size() + ", channels=" + channels.size()
                + ", hardLimitMmHg=" + hardLimitMmHg + ", sensorFullScaleMmHg=" + sensorFullScaleMmHg
                + ", regulation=" + regulation + ", sampleRateHz=" + sampleRateHz + "]";
    }

    /** Builds a {@link DeviceDescription}; not thread-safe. */
    public static final class Builder {
        private final String id;
        private String model;
        private String serial;
        private String firmware;
        private int limbs;
        private List<Zone> zones = List.of();
        private List<Channel> channels = List.of();
        private double hardLimitMmHg;
        private double sensorFullScaleMmHg;
        private RegulationMode regulation;
        private int sampleRateHz;

        private Builder(String id) {
            this.id = Objects.requireNonNull(id, "id");
        }

        /**
         * Everything a model says: its id, limbs, named zones, channels, limits, regulation and
         * telemetry rate; set the unit's own values after it.
         *
         * @param description the model
         * @return this builder
         */
        public Builder model(ModelDescription description) {
            model = description.model();
            limbs = description.limbs();
            List<Zone> named = new ArrayList<>();
            for (int z = 1; z <= description.zones(); z++) {
                named.add(new Zone(z, description.zoneNames().get(z - 1)));
            }
            zones = named;
            channels = description.channels();
            hardLimitMmHg = description.hardLimitMmHg();
            sensorFullScaleMmHg = description.sensorFullScaleMmHg();
            regulation = description.regulation();
            sampleRateHz = description.defaultRateHz();
            return this;
        }

        /**
         * The model id.
         *
         * @param model e.g. {@code RB2-L5}; cleaned
         * @return this builder
         */
        public Builder model(String model) {
            this.model = model;
            return this;
        }

        /**
         * The serial number.
         *
         * @param serial as the unit says it, or null
         * @return this builder
         */
        public Builder serial(String serial) {
            this.serial = serial;
            return this;
        }

        /**
         * The firmware version.
         *
         * @param firmware as the unit says it, or null
         * @return this builder
         */
        public Builder firmware(String firmware) {
            this.firmware = firmware;
            return this;
        }

        /**
         * How many limbs.
         *
         * @param limbs 1 or 2
         * @return this builder
         */
        public Builder limbs(int limbs) {
            this.limbs = limbs;
            return this;
        }

        /**
         * The zones.
         *
         * @param zones distal to proximal, at least one; copied
         * @return this builder
         */
        public Builder zones(List<Zone> zones) {
            this.zones = List.copyOf(zones);
            return this;
        }

        /**
         * The channels.
         *
         * @param channels in the device's own order, at least one; copied
         * @return this builder
         */
        public Builder channels(List<Channel> channels) {
            this.channels = List.copyOf(channels);
            return this;
        }

        /**
         * The firmware's hard limit.
         *
         * @param mmHg the lower of what the unit and the model say
         * @return this builder
         */
        public Builder hardLimitMmHg(double mmHg) {
            this.hardLimitMmHg = mmHg;
            return this;
        }

        /**
         * The sensor's full scale.
         *
         * @param mmHg the lower of what the unit and the model say
         * @return this builder
         */
        public Builder sensorFullScaleMmHg(double mmHg) {
            this.sensorFullScaleMmHg = mmHg;
            return this;
        }

        /**
         * Who regulates pressure.
         *
         * @param regulation not null
         * @return this builder
         */
        public Builder regulation(RegulationMode regulation) {
            this.regulation = regulation;
            return this;
        }

        /**
         * The telemetry rate the driver set the unit to.
         *
         * @param hz above 0
         * @return this builder
         */
        public Builder sampleRateHz(int hz) {
            this.sampleRateHz = hz;
            return this;
        }

        /**
         * Checks the values and makes the description.
         *
         * @return the description
         * @throws IllegalArgumentException for limbs other than 1 or 2, no zones or no channels, or a
         *                                  sample rate not above 0
         * @throws NullPointerException     for no regulation
         */
        public DeviceDescription build() {
            return new DeviceDescription(this);
        }
    }
}
