package org.bootctl.api.program;

import java.util.List;

/**
 * One cycle of a program compiled for one garment and one set of settings; the engine repeats
 * it until the session ends. Immutable data: it can be checked, previewed and plotted before any
 * air moves, and outlives the program bundle that made it.
 *
 * <p>Bounds the engine enforces before any air moves (else the start is refused with the reason):
 * one zone action per zone of the garment in every step; every target within
 * {@link Settings#limit(int)} and at least 10 mmHg under the device's hard limit; at most 1000
 * steps, each hold at most 3600 s, each fill time limit at most 600 s, a minimum cycle of at most
 * 3600 s.
 *
 * @param programId      the program's id, as in its {@link ProgramInfo#id()}
 * @param programVersion the program's version, as in its {@link ProgramInfo#version()}
 * @param steps          the cycle, in order; at least one, all with the same number of zone actions; copied
 * @param minCycleMs     the shortest a cycle lasts, ms: when the steps are done sooner, the last step
 *                       holds on until then ("rest until the cycle ends"); 0 for no minimum
 */
public record Plan(String programId, String programVersion, List<Step> steps, long minCycleMs) {

    /**
     * Checks and copies the components.
     *
     * @param programId      the program's id
     * @param programVersion the program's version
     * @param steps          the cycle, in order
     * @param minCycleMs     the shortest a cycle lasts, ms, 0 or more
     * @throws IllegalArgumentException for a negative minimum cycle, no steps, or steps with
     *                                  different numbers of zone actions
     */
    public Plan {
        steps = List.copyOf(steps);
        if (minCycleMs < 0) {
            throw new IllegalArgumentException("minimum cycle time cannot be negative: " + minCycleMs + " ms");
        }
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("a plan needs at least one step");
        }
        int zones = steps.get(0).zones();
        for (int i = 1; i < steps.size(); i++) {
            if (steps.get(i).zones() != zones) {
                throw new IllegalArgumentException("step " + i + " has " + steps.get(i).zones()
                        + " zone actions, step 0 has " + zones);
            }
        }
    }

    /**
     * A plan whose cycle lasts as long as its steps take (no minimum cycle).
     *
     * @param programId      the program's id
     * @param programVersion the program's version
     * @param steps          the cycle, in order
     */
    public Plan(String programId, String programVersion, List<Step> steps) {
        this(programId, programVersion, steps, 0);
    }

    /**
     * How many zones the plan drives.
     *
     * @return the number of zone actions of every step
     */
    public int zones() {
        return steps.get(0).zones();
    }

    /**
     * The sum of the hold times: the shortest a cycle can take (fills take longer).
     *
     * @return ms
     */
    public long holdMs() {
        return steps.stream().mapToLong(Step::holdMs).sum();
    }

    /**
     * The highest target any step gives zone {@code zone}.
     *
     * @param zone 1 to {@link #zones()}
     * @return mmHg; 0 when every step vents it
     */
    public double maxTarget(int zone) {
        return steps.stream().mapToDouble(s -> s.action(zone).targetMmHg()).max().orElse(0);
    }
}
