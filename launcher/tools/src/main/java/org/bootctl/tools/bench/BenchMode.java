package org.bootctl.tools.bench;

import java.util.List;

/**
 * How long each part of the bench runs. {@link #QUICK} is meant to finish in under two minutes
 * on two cores; {@link #FULL} gives steadier figures; {@link #SMOKE} only proves that every
 * part runs and reports (its figures mean little).
 *
 * @param models          simulated models for the regulation part: host-regulated ones, and RB1-L4 (its
 *                        firmware regulates: judged by how much of its holding stays in the firmware's band)
 * @param levels          intensity levels for the regulation part
 * @param cycles          staircase cycles per model and level
 * @param loopDevices     device counts for the loop part
 * @param loopWarmUpMs    real time before each loop measurement
 * @param loopMeasureMs   real time of each loop measurement
 * @param speedWarmUpMin  simulated minutes of the warm-up session before the speed-up is timed
 * @param speedMinutes    simulated minutes of the timed session
 * @param startupRuns     process starts per set of JVM flags
 * @param startupSettleMs real time after the ready line before the peak RSS is read
 * @param programDrops    program bundles dropped into deploy/, and program files into programs/
 * @param driverStops     driver bundle stops
 * @param serialSeconds   real time of the serial run
 */
record BenchMode(String name, List<String> models, List<Integer> levels, int cycles, List<Integer> loopDevices,
                 long loopWarmUpMs, long loopMeasureMs, double speedWarmUpMin, double speedMinutes, int startupRuns,
                 long startupSettleMs, int programDrops, int driverStops, int serialSeconds) {

    static final BenchMode FULL = new BenchMode("full", RegulationBench.ALL_MODELS, RegulationBench.LEVELS, 6,
            List.of(1, 8, 32, 128), 10_000, 60_000, 3, 30, 5, 2000, 10, 5, 60);
    static final BenchMode QUICK = new BenchMode("quick", RegulationBench.ALL_MODELS, RegulationBench.LEVELS, 2,
            List.of(1, 8, 32, 128), 4_000, 8_000, 2, 30, 2, 1000, 5, 3, 8);
    static final BenchMode SMOKE = new BenchMode("smoke", List.of("RB2-A4", "RB1-L4"), List.of(3), 1,
            List.of(1, 2), 500, 1_000, 0, 1, 1, 300, 1, 1, 2);
}
