package org.bootctl.api.device;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * What a boot model is, as the driver that speaks to it describes it: zones with their names,
 * limbs, limits, who regulates pressure and, where the driver knows it, how fast a zone fills.
 * Immutable; made with {@link #builder(String)}, so that fields added later (with defaults) break
 * no driver. A driver publishes its models through a {@link ModelCatalog} service; the engine,
 * the command line and the UIs accept exactly the models described there (see {@link ModelRegistry}).
 *
 * <p>Example, a 6-zone leg boot regulated by the host:
 * <pre>{@code
 * ModelDescription x6 = ModelDescription.builder("ACME-X6")
 *         .zones("foot", "ankle", "calf", "knee", "lower thigh", "upper thigh")
 *         .limbs(2).hardLimitMmHg(130).regulation(RegulationMode.HOST)
 *         .fillSeconds(4.5)
 *         .build();
 * }</pre>
 */
public final class ModelDescription {

    /** The most zones a limb may have: bounds what an untrusted description makes bootctl allocate. */
    public static final int MAX_ZONES = 32;

    private final String model;
    private final int limbs;
    private final List<String> zoneNames;
    private final double hardLimitMmHg;
    private final double sensorFullScaleMmHg;
    private final RegulationMode regulation;
    private final boolean pressurePerLimb;
    private final int defaultRateHz;
    private final double fillSeconds;

    private ModelDescription(Builder b) {
        this.model = b.model;
        this.limbs = b.limbs;
        this.zoneNames = b.zoneNames;
        this.hardLimitMmHg = b.hardLimitMmHg;
        this.sensorFullScaleMmHg = b.sensorFullScaleMmHg;
        this.regulation = b.regulation;
        this.pressurePerLimb = b.pressurePerLimb;
        this.defaultRateHz = b.defaultRateHz;
        this.fillSeconds = b.fillSeconds;
    }

    /**
     * Starts a description of a model.
     *
     * @param model the model id as the unit reports it and users type it, e.g. {@code ACME-X6};
     *              matched ignoring case; not blank
     * @return a builder with the defaults its methods name
     */
    public static Builder builder(String model) {
        return new Builder(model);
    }

    /**
     * A description from the catalogue record of bootctl 1.x.
     *
     * @param spec the model as {@link ModelSpec} gives it
     * @return the same model as a description (fill time unknown)
     * @deprecated {@link ModelSpec} is kept for compatibility only; describe models with {@link #builder(String)}
     */
    @Deprecated
    public static ModelDescription of(ModelSpec spec) {
        return builder(spec.model()).limbs(spec.limbs()).zones(spec.zoneNames()).hardLimitMmHg(spec.hardLimitMmHg())
                .sensorFullScaleMmHg(spec.sensorFullScaleMmHg()).regulation(spec.regulation())
                .pressurePerLimb(spec.pressurePerLimb()).defaultRateHz(spec.defaultRateHz()).build();
    }

    /**
     * The model id.
     *
     * @return e.g. {@code RB2-L5}, as {@link DeviceText#clean} makes it
     */
    public String model() {
        return model;
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
     * The zones' names.
     *
     * @return distal (zone 1) to proximal, one non-blank name per zone; unmodifiable
     */
    public List<String> zoneNames() {
        return zoneNames;
    }

    /**
     * How many zones a limb has.
     *
     * @return 1 to {@link #MAX_ZONES}
     */
    public int zones() {
        return zoneNames.size();
    }

    /**
     * The firmware's hard limit; sessions keep 10 mmHg under it.
     *
     * @return mmHg, above 0
     */
    public double hardLimitMmHg() {
        return hardLimitMmHg;
    }

    /**
     * The pressure sensor's full scale; a reading above it is a sensor fault.
     *
     * @return mmHg, above the hard limit
     */
    public double sensorFullScaleMmHg() {
        return sensorFullScaleMmHg;
    }

    /**
     * Who regulates pressure.
     *
     * @return host or device
     */
    public RegulationMode regulation() {
        return regulation;
    }

    /**
     * Whether each limb's chamber has its own pressure (channels {@code L1..Ln, R1..Rn}), or one
     * pressure serves both limbs of a zone (channels {@code Z1..Zn}).
     *
     * @return true for channels per limb
     */
    public boolean pressurePerLimb() {
        return pressurePerLimb;
    }

    /**
     * The telemetry rate after power-up.
     *
     * @return samples a second, 1 to 1000
     */
    public int defaultRateHz() {
        return defaultRateHz;
    }

    /**
     * How long one zone takes to fill from 0 to 100 mmHg on its own, where the driver knows it
     * (the simulator sizes a simulated unit of this model by it).
     *
     * @return seconds, above 0; empty when unknown
     */
    public OptionalDouble fillSeconds() {
        return Double.isNaN(fillSeconds) ? OptionalDouble.empty() : OptionalDouble.of(fillSeconds);
    }

    /**
     * The channels a unit of this model has, as {@link DeviceDescription#channels(int, int, boolean)} makes them.
     *
     * @return in the device's order; a new list
     */
    public List<Channel> channels() {
        return DeviceDescription.channels(zones(), limbs, pressurePerLimb);
    }

    /**
     * Whether this describes the model of that id.
     *
     * @param id a model id, e.g. {@code rb2-l5}; may be null
     * @return true when the ids are equal ignoring case
     */
    public boolean is(String id) {
        return id != null && model.equalsIgnoreCase(id.trim());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelDescription d && model.equals(d.model) && limbs == d.limbs
                && zoneNames.equals(d.zoneNames) && Double.compare(hardLimitMmHg, d.hardLimitMmHg) == 0
                && Double.compare(sensorFullScaleMmHg, d.sensorFullScaleMmHg) == 0 && regulation == d.regulation
                && pressurePerLimb == d.pressurePerLimb && defaultRateHz == d.defaultRateHz
                && Double.compare(fillSeconds, d.fillSeconds) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(model, limbs, zoneNames, hardLimitMmHg, regulation);
    }

    @Override
    public String toString() {
        return model + " (" + limbs + " x " + zones() + " zones, hard limit " + hardLimitMmHg + " mmHg, "
                + regulation.name().toLowerCase(Locale.ROOT) + "-regulated)";
    }

    /** Builds a {@link ModelDescription}; not thread-safe. */
    public static final class Builder {
        private final String model;
        private int limbs = 2;
        private List<String> zoneNames = List.of();
        private double hardLimitMmHg = Double.NaN;
        private double sensorFullScaleMmHg = 300;
        private RegulationMode regulation = RegulationMode.HOST;
        private Boolean pressurePerLimb;
        private int defaultRateHz = 50;
        private double fillSeconds = Double.NaN;

        private Builder(String model) {
            this.model = DeviceText.clean(model);
        }

        /**
         * How many limbs; default 2.
         *
         * @param limbs 1 or 2
         * @return this builder
         */
        public Builder limbs(int limbs) {
            this.limbs = limbs;
            return this;
        }

        /**
         * The zones by name, distal (zone 1) to proximal; required.
         *
         * @param names one non-blank name per zone, e.g. {@code "foot", "calf"}
         * @return this builder
         */
        public Builder zones(String... names) {
            return zones(List.of(names));
        }

        /**
         * The zones by name, distal (zone 1) to proximal; required.
         *
         * @param names one non-blank name per zone; copied
         * @return this builder
         */
        public Builder zones(List<String> names) {
            this.zoneNames = List.copyOf(names);
            return this;
        }

        /**
         * The firmware's hard limit; required.
         *
         * @param mmHg above 0, at most 300
         * @return this builder
         */
        public Builder hardLimitMmHg(double mmHg) {
            this.hardLimitMmHg = mmHg;
            return this;
        }

        /**
         * The sensor's full scale; default 300 mmHg.
         *
         * @param mmHg above the hard limit
         * @return this builder
         */
        public Builder sensorFullScaleMmHg(double mmHg) {
            this.sensorFullScaleMmHg = mmHg;
            return this;
        }

        /**
         * Who regulates pressure; default {@link RegulationMode#HOST}.
         *
         * @param regulation not null
         * @return this builder
         */
        public Builder regulation(RegulationMode regulation) {
            this.regulation = regulation;
            return this;
        }

        /**
         * Whether each limb has its own pressure; default: true for two limbs.
         *
         * @param perLimb false when one pressure serves both limbs of a zone
         * @return this builder
         */
        public Builder pressurePerLimb(boolean perLimb) {
            this.pressurePerLimb = perLimb;
            return this;
        }

        /**
         * The telemetry rate after power-up; default 50 Hz.
         *
         * @param hz 1 to 1000
         * @return this builder
         */
        public Builder defaultRateHz(int hz) {
            this.defaultRateHz = hz;
            return this;
        }

        /**
         * How long one zone takes to fill from 0 to 100 mmHg alone, where known; default unknown.
         *
         * @param seconds above 0, at most 600
         * @return this builder
         */
        public Builder fillSeconds(double seconds) {
            this.fillSeconds = seconds;
            return this;
        }

        /**
         * Checks the values and makes the description.
         *
         * @return the description
         * @throws IllegalArgumentException naming the model and the value that is wrong
         * @throws NullPointerException     for a null regulation or zone name
         */
        public ModelDescription build() {
            String what = "model '" + model + "': ";
            if (model == null || model.isBlank()) {
                throw new IllegalArgumentException("a model needs an id");
            }
            if (limbs < 1 || limbs > 2) {
                throw new IllegalArgumentException(what + "a garment has 1 or 2 limbs, not " + limbs);
            }
            if (zoneNames.isEmpty() || zoneNames.size() > MAX_ZONES) {
                throw new IllegalArgumentException(what + "1 to " + MAX_ZONES + " zones, not " + zoneNames.size());
            }
            for (int z = 0; z < zoneNames.size(); z++) {
                if (zoneNames.get(z).isBlank()) {
                    throw new IllegalArgumentException(what + "zone " + (z + 1) + " needs a name");
                }
            }
            if (!(hardLimitMmHg > 0 && hardLimitMmHg <= 300)) {
                throw new IllegalArgumentException(what + "the hard limit must be above 0 and at most 300 mmHg, not "
                        + hardLimitMmHg);
            }
            if (!(sensorFullScaleMmHg > hardLimitMmHg && sensorFullScaleMmHg <= 1000)) {
                throw new IllegalArgumentException(what + "the sensor's full scale must be above the hard limit"
                        + " and at most 1000 mmHg, not " + sensorFullScaleMmHg);
            }
            Objects.requireNonNull(regulation, "regulation");
            if (defaultRateHz < 1 || defaultRateHz > 1000) {
                throw new IllegalArgumentException(what + "the telemetry rate is 1 to 1000 Hz, not " + defaultRateHz);
            }
            if (!Double.isNaN(fillSeconds) && !(fillSeconds > 0 && fillSeconds <= 600)) {
                throw new IllegalArgumentException(what + "the fill time is above 0 and at most 600 s, not " + fillSeconds);
            }
            if (pressurePerLimb == null) {
                pressurePerLimb = limbs == 2;
            }
            return new ModelDescription(this);
        }
    }
}
