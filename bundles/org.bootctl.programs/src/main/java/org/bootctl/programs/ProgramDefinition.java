package org.bootctl.programs;

import java.util.List;
import org.bootctl.api.program.ProgramInfo;

/**
 * A program file as read and checked on its own, before it meets a garment: its info, its cycle
 * of steps and "each" blocks, and the lines of its JSON paths for later messages.
 *
 * @param minCycleMs rest until the cycle has lasted this long (Plan.minCycleMs)
 */
record ProgramDefinition(ProgramInfo info, List<Item> cycle, long minCycleMs, Lines lines) {

    ProgramDefinition {
        cycle = List.copyOf(cycle);
    }

    /** One entry of the cycle: a step, or a block of steps repeated for each zone in turn. */
    sealed interface Item permits StepSpec, Block {
        String path();
    }

    /**
     * A step as written; inside a block it is a template where {@code zone} is the block's current zone.
     *
     * @param fill    the zones that fill to {@code to}; empty when none
     * @param vent    the zones that vent; empty when none
     * @param holdMs  how long to hold once every fill has reached its target
     * @param limitMs the longest the fills may take
     */
    record StepSpec(String path, Selector fill, Pressure to, Selector vent, long holdMs, long limitMs) implements Item {
    }

    /**
     * The steps repeated for each zone of {@code zones} in turn.
     *
     * @param upward distal to proximal (zone 1 first) when true, proximal to distal otherwise
     */
    record Block(String path, boolean upward, Selector zones, List<StepSpec> steps) implements Item {

        Block {
            steps = List.copyOf(steps);
        }
    }

    /** The zones a step names: numbers, ranges, {@code top}-relative and {@code zone}-relative references. */
    record Selector(List<Range> ranges) {

        /** No zone: shared, as most steps have one (a program of 1000 steps keeps no path for it). */
        static final Selector NONE = new Selector(List.of());

        Selector {
            ranges = List.copyOf(ranges);
        }
    }

    /** {@code from} to {@code to} inclusive; a single zone has both the same. {@code text} is as written. */
    record Range(String path, String text, ZoneRef from, ZoneRef to) {
    }

    /** A zone number relative to an anchor: zone {@code offset}, {@code top} + offset or the current zone + offset. */
    record ZoneRef(Anchor anchor, int offset) {

        enum Anchor { NUMBER, TOP, ZONE }

        /** The zone number on a garment of {@code zones} zones while a block is at zone {@code current}. */
        int resolve(int zones, int current) {
            return switch (anchor) {
                case NUMBER -> offset;
                case TOP -> zones + offset;
                case ZONE -> current + offset;
            };
        }

        @Override
        public String toString() {
            return switch (anchor) {
                case NUMBER -> Integer.toString(offset);
                case TOP -> offset == 0 ? "top" : "top" + offset;
                case ZONE -> offset == 0 ? "zone" : "zone" + (offset > 0 ? "+" : "") + offset;
            };
        }
    }

    /** A pressure: a percentage of the session's level or an absolute mmHg. */
    record Amount(double value, boolean percent) {

        double mmHg(double cap) {
            return percent ? value * cap / 100 : value;
        }
    }

    /**
     * A fill's target: {@code start}, or with a gradient {@code start + (zone - 1) * perZone},
     * never below {@code min}.
     */
    record Pressure(Amount start, Amount perZone, Amount min) {

        static final Pressure FULL = new Pressure(new Amount(100, true), null, null);

        /** The requested pressure for zone {@code zone} at a session cap of {@code cap} mmHg, before Settings.target. */
        double mmHg(int zone, double cap) {
            double mmHg = start.mmHg(cap);
            if (perZone != null) {
                mmHg = Math.max(mmHg + (zone - 1) * perZone.mmHg(cap), min.mmHg(cap));
            }
            return mmHg;
        }
    }
}
