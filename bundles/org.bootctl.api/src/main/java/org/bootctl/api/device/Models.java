package org.bootctl.api.device;

import java.util.List;
import java.util.Optional;

/**
 * The boot models of bootctl 1.x, from the protocol documents of each generation
 * (docs/protocols/). No longer consulted: bootctl accepts the models that drivers describe
 * through {@link ModelCatalog} services ({@link ModelRegistry}); the RB2 and RB1 drivers and the
 * simulator describe these.
 *
 * @deprecated kept so that code written against 1.x compiles; look models up in {@link ModelRegistry}
 */
@Deprecated
public final class Models {

    /** Leg boot, 2 limbs of 5 zones (foot to thigh), hard limit 130 mmHg, host-regulated, 50 Hz. */
    public static final ModelSpec RB2_L5 = new ModelSpec("RB2-L5", 2,
            List.of("foot", "ankle", "calf", "knee", "thigh"), 130, 300, RegulationMode.HOST, true, 50);
    /** Arm garment, 2 limbs of 4 zones (hand to upper arm), hard limit 130 mmHg, host-regulated, 50 Hz. */
    public static final ModelSpec RB2_A4 = new ModelSpec("RB2-A4", 2,
            List.of("hand", "forearm", "elbow", "upper arm"), 130, 300, RegulationMode.HOST, true, 50);
    /** Leg boot, 2 limbs of 8 zones (foot to groin), hard limit 130 mmHg, host-regulated, 50 Hz. */
    public static final ModelSpec RB2_M8 = new ModelSpec("RB2-M8", 2,
            List.of("foot", "ankle", "lower calf", "upper calf", "knee", "lower thigh", "upper thigh", "groin"),
            130, 300, RegulationMode.HOST, true, 50);
    /**
     * First-generation leg boot, 4 zones (foot to thigh) with one pressure serving both limbs,
     * hard limit 120 mmHg, device-regulated, 10 Hz.
     */
    public static final ModelSpec RB1_L4 = new ModelSpec("RB1-L4", 2,
            List.of("foot", "calf", "knee", "thigh"), 120, 300, RegulationMode.DEVICE, false, 10);

    private static final List<ModelSpec> ALL = List.of(RB2_L5, RB2_A4, RB2_M8, RB1_L4);

    private Models() {
    }

    /**
     * Every known model.
     *
     * @return the catalogue, in a fixed order; unmodifiable
     */
    public static List<ModelSpec> all() {
        return ALL;
    }

    /**
     * The model with this id, ignoring case.
     *
     * @param model a model id, e.g. {@code rb2-l5}
     * @return the model, or empty for an unknown id
     */
    public static Optional<ModelSpec> find(String model) {
        return ALL.stream().filter(m -> m.model().equalsIgnoreCase(model)).findFirst();
    }
}
