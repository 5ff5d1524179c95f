package org.bootctl.sim;

import java.util.List;
import java.util.stream.Collectors;
import org.bootctl.api.device.ModelDescription;
import org.bootctl.api.device.RegulationMode;

/**
 * The physical parameters of one simulated boot model. Limbs, zones and limits come from the
 * model's description (the simulator's own for RB2 and RB1, {@link SimulatorModels}, or any other
 * bundle's); everything here is what the simulator adds. Units:
 *
 * <table>
 * <caption>parameters</caption>
 * <tr><th>parameter</th><th>unit</th><th>meaning</th></tr>
 * <tr><td>sampleRateHz</td><td>Hz</td><td>telemetry rate (RB2 50, RB1 20 as streamed)</td></tr>
 * <tr><td>valveDelayNanos</td><td>ns</td><td>from a command to the valves and pump acting on it</td></tr>
 * <tr><td>bladder</td><td>mL, mmHg</td><td>one channel's chamber(s), see {@link Bladder}</td></tr>
 * <tr><td>pumpFlow</td><td>mL/s</td><td>free flow at full duty (air at 1 atm)</td></tr>
 * <tr><td>pumpStall</td><td>mmHg</td><td>pressure at which the pump at full duty gives nothing;
 *     flow = pumpFlow * max(0, duty - p_manifold / pumpStall), duty 0..1</td></tr>
 * <tr><td>fillOrifice, ventOrifice, leakOrifice</td><td>mL/s per sqrt(mmHg)</td><td>flow = k * sqrt(dp)
 *     (laminar below {@link Plant#LAMINAR_MMHG}); leakOrifice is the hard leak of the leak fault</td></tr>
 * <tr><td>slowLeak</td><td>mL/s per mmHg</td><td>seams and fittings of a sound chamber: a few mmHg a minute</td></tr>
 * <tr><td>sensorNoise</td><td>mmHg</td><td>standard deviation of a reading (then quantised to 0.1 mmHg)</td></tr>
 * <tr><td>sensorOffset</td><td>mmHg</td><td>largest zero offset of a channel's sensor (each channel's is fixed by the seed)</td></tr>
 * <tr><td>holdBand</td><td>mmHg</td><td>device-regulated models: the firmware refills or vents a zone
 *     that strays more than this from its setpoint</td></tr>
 * </table>
 *
 * <pre>
 * model   chamber: flat/unfold/knee/stretch  pump/stall   fill/vent/leak  slow    rate  delay   measured in virtual time (tests)
 * RB2-L5  20 mL, 250 mL, 20 mmHg, 3.0 mL/mmHg  200/300   30/40/36        0.002   50    15 ms   0-&gt;100 alone 4.1 s, two together 7.5 s, vent 100-&gt;5 2.6 s
 * RB2-A4  15 mL, 170 mL, 20 mmHg, 2.4          200/300   30/40/36        0.002   50    15 ms   3.1 s, 5.6 s, 2.0 s
 * RB2-M8  15 mL, 190 mL, 20 mmHg, 2.6          200/300   30/40/36        0.002   50    15 ms   3.4 s, 6.2 s, 2.2 s
 * RB1-L4  40 mL, 500 mL, 20 mmHg, 6.0 (pair)   170/260   45/60/30        0.004   20    20 ms   0-&gt;99 by its regulator 9.2 s, vent 3.6 s, holds +-3
 * </pre>
 * A hard leak settles at about 21 mmHg (RB2) or 24 mmHg (RB1) with the pump full on for it alone.
 * A model the simulator has no measured physics for is simulated as an RB2 leg zone (host-regulated)
 * or an RB1 pair (device-regulated), its chambers scaled so that one fills from 0 to 100 mmHg in
 * about the model's {@link ModelDescription#fillSeconds()} where it says.
 */
record SimModel(ModelDescription spec, int sampleRateHz, long valveDelayNanos, Bladder bladder,
                double pumpFlow, double pumpStall, double fillOrifice, double ventOrifice,
                double leakOrifice, double slowLeak, double sensorNoise, double sensorOffset, double holdBand) {

    /** A leg chamber of RB2-L5: about 570 mL at 100 mmHg. */
    private static final Bladder LEG = new Bladder(20, 250, 20, 3.0);
    /** Arm chambers are smaller. */
    private static final Bladder ARM = new Bladder(15, 170, 20, 2.4);
    /** Eight narrower leg zones of the clinical garment. */
    private static final Bladder NARROW_LEG = new Bladder(15, 190, 20, 2.6);
    /** RB1: one regulator serves both limbs' chambers of a zone, so a channel is two chambers. */
    private static final Bladder RB1_PAIR = new Bladder(40, 500, 20, 6.0);

    private static final long RB2_VALVE_DELAY = 15_000_000L;
    private static final long RB1_VALVE_DELAY = 20_000_000L;

    /** Seconds an RB2-L5 leg zone takes from 0 to 100 mmHg alone, and an RB1 pair to 99 by its regulator. */
    private static final double LEG_FILL_SECONDS = 4.1;
    private static final double RB1_FILL_SECONDS = 9.2;

    private static final List<SimModel> CATALOGUE = List.of(
            rb2(SimulatorModels.RB2_L5, LEG),
            rb2(SimulatorModels.RB2_A4, ARM),
            rb2(SimulatorModels.RB2_M8, NARROW_LEG),
            rb1(SimulatorModels.RB1_L4, 20, RB1_PAIR));

    private static SimModel rb2(ModelDescription spec, Bladder bladder) {
        return new SimModel(spec, spec.defaultRateHz(), RB2_VALVE_DELAY, bladder, 200, 300, 30, 40, 36, 0.002, 0.15, 0.4, 0);
    }

    private static SimModel rb1(ModelDescription spec, int rateHz, Bladder bladder) {
        return new SimModel(spec, rateHz, RB1_VALVE_DELAY, bladder, 170, 260, 45, 60, 30, 0.004, 0.15, 0.4, 3.0);
    }

    /** The simulator's own descriptions, in a fixed order. */
    static List<ModelDescription> described() {
        return CATALOGUE.stream().map(SimModel::spec).toList();
    }

    /**
     * The simulated model for a description: the measured one of that id where the simulator has
     * one (with the description's zones and limits), otherwise one of the two kinds scaled to its fill time.
     */
    static SimModel of(ModelDescription description) {
        for (SimModel known : CATALOGUE) {
            if (known.spec.is(description.model()) && known.spec.zones() == description.zones()
                    && known.spec.regulation() == description.regulation()) {
                return new SimModel(description, known.sampleRateHz, known.valveDelayNanos, known.bladder, known.pumpFlow,
                        known.pumpStall, known.fillOrifice, known.ventOrifice, known.leakOrifice, known.slowLeak,
                        known.sensorNoise, known.sensorOffset, known.holdBand);
            }
        }
        boolean device = description.regulation() == RegulationMode.DEVICE;
        double measured = device ? RB1_FILL_SECONDS : LEG_FILL_SECONDS;
        double scale = description.fillSeconds().orElse(measured) / measured;
        Bladder base = device ? RB1_PAIR : LEG;
        Bladder bladder = new Bladder(base.flatMl() * scale, base.unfoldMl() * scale, base.kneeMmHg(),
                base.stretchMlPerMmHg() * scale);
        return device ? rb1(description, description.defaultRateHz(), bladder) : rb2(description, bladder);
    }

    boolean deviceRegulated() {
        return spec.regulation() == RegulationMode.DEVICE;
    }

    /**
     * The simulated model for this id.
     *
     * @throws IllegalArgumentException naming the model and the known ones
     */
    static SimModel of(String model) {
        return CATALOGUE.stream().filter(m -> m.spec.is(model)).findFirst().orElseThrow(() -> new IllegalArgumentException("unknown simulated model '" + model
                + "': known models are " + knownModels()));
    }

    static String knownModels() {
        return CATALOGUE.stream().map(m -> m.spec.model()).collect(Collectors.joining(", "));
    }
}
