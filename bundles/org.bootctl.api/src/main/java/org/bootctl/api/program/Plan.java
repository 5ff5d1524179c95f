package org.bootctl.api.program;

import java.util.List;

/**
 * One cycle of a program compiled for one garment and one set of settings; the engine repeats
 * it until the session ends. Immutable data: it can be checked, previewed and plotted before any
 * air moves, and outlives the program bundle that made it.
 *
 * @param programId      the program's id
 * @param programVersion the program's version
 * @param steps          the cycle, in order
 * @param minCycleMs     the shortest a cycle lasts: when the steps are done sooner, the last step
 *                       holds on until then ("rest until the cycle ends"); 0 for no minimum
 */
public record Plan(String programId, String programVersion, List<Step> steps, long minCycleMs) {

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

    /** A plan whose cycle lasts as long as its steps take. */
    public Plan(String programId, String programVersion, List<Step> steps) {
        this(programId, programVersion, steps, 0);
    }

    public int zones() {
        return steps.get(0).zones();
    }

    /** The sum of the hold times: the shortest a cycle can take. */
    public long holdMs() {
        return steps.stream().mapToLong(Step::holdMs).sum();
    }

    /** The highest target any step gives zone {@code zone}. */
    public double maxTarget(int zone) {
        return steps.stream().mapToDouble(s -> s.action(zone).targetMmHg()).max().orElse(0);
    }
}
