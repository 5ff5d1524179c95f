package org.bootctl.programs;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.bootctl.programs.ProgramDefinition.Block;
import org.bootctl.programs.ProgramDefinition.Item;
import org.bootctl.programs.ProgramDefinition.Pressure;
import org.bootctl.programs.ProgramDefinition.Range;
import org.bootctl.programs.ProgramDefinition.Selector;
import org.bootctl.programs.ProgramDefinition.StepSpec;
import org.bootctl.programs.ProgramDefinition.ZoneRef;
import org.bootctl.programs.ProgramDefinition.ZoneRef.Anchor;

/**
 * Unrolls a program's cycle for a garment of a given zone count: resolves zone selectors, repeats
 * each block's steps for its zones in turn, and checks what depends on the zone count (zones that
 * do not exist, the number of steps, the length of the cycle).
 */
final class CycleExpander {

    static final int MAX_STEPS = 1000;
    static final long MIN_CYCLE_MS = 5000;

    /**
     * One step with its zones resolved; zones in neither map keep what they had.
     *
     * @param fills zone to pressure, in zone order
     * @param vents zones that vent
     */
    record Expanded(Map<Integer, Pressure> fills, Set<Integer> vents, long holdMs, long limitMs) {
    }

    private final int zones;
    private final Problems problems;
    private final Set<String> overlapping = new HashSet<>();

    private CycleExpander(int zones, Problems problems) {
        this.zones = zones;
        this.problems = problems;
    }

    /** The cycle on a garment of {@code zones} zones; what does not fit goes to {@code problems}. */
    static List<Expanded> expand(ProgramDefinition program, int zones, Problems problems) {
        return new CycleExpander(zones, problems).cycle(program.cycle(), program.minCycleMs(), true);
    }

    /**
     * Only the zones the items name on a garment of {@code zones} zones, for a program with other
     * problems: its cycle as a whole (its length, its steps) is not known while some items are not.
     */
    static void checkZones(List<Item> items, int zones, Problems problems) {
        new CycleExpander(zones, problems).cycle(items, 0, false);
    }

    private List<Expanded> cycle(List<Item> items, long minCycleMs, boolean whole) {
        List<Expanded> steps = new ArrayList<>();
        for (Item item : items) {
            if (item instanceof StepSpec step) {
                steps.add(step(step, 0));
            } else if (item instanceof Block block) {
                List<Integer> order = new ArrayList<>(zones(block.zones(), 0));
                if (!block.upward()) {
                    Collections.reverse(order);
                }
                for (int zone : order) {
                    for (StepSpec template : block.steps()) {
                        Expanded step = step(template, zone);
                        // a template step whose zones all fall off the garment (zone-1 on zone 1) has nothing to do
                        if (!step.fills().isEmpty() || !step.vents().isEmpty() || step.holdMs() > 0) {
                            steps.add(step);
                        }
                    }
                    if (steps.size() > MAX_STEPS) {
                        break;
                    }
                }
            }
            if (steps.size() > MAX_STEPS) {
                if (whole) {
                    problems.add("$.cycle", "the cycle expands to more than " + MAX_STEPS + " steps on " + garment());
                }
                return steps;
            }
        }
        if (!whole) {
            return steps;
        }
        if (steps.isEmpty()) {
            problems.add("$.cycle", "no step is left on " + garment());
            return steps;
        }
        long holdMs = steps.stream().mapToLong(Expanded::holdMs).sum();
        if (Math.max(holdMs, minCycleMs) < MIN_CYCLE_MS) {
            problems.add("$.cycle", "a cycle lasts at least " + MIN_CYCLE_MS / 1000 + " s; on " + garment()
                    + " this one holds for " + ProgramParser.format(holdMs / 1000.0)
                    + " s in all (add holds, or set \"minCycle\")");
        }
        return steps;
    }

    private Expanded step(StepSpec spec, int current) {
        Map<Integer, Pressure> fills = new LinkedHashMap<>();
        for (int zone : zones(spec.fill(), current)) {
            fills.put(zone, spec.to());
        }
        Set<Integer> vents = zones(spec.vent(), current);
        for (int zone : vents) {
            // once per step as written, not once per zone a block repeats it for
            if (fills.containsKey(zone) && overlapping.add(spec.path())) {
                problems.add(spec.path(), "zone " + zone + " is both filled and vented");
            }
        }
        return new Expanded(fills, vents, spec.holdMs(), spec.limitMs());
    }

    /**
     * The zones a selector names, ascending. Zones relative to a block's current zone that fall off
     * the garment are left out; any other zone that does not exist is a problem.
     */
    private Set<Integer> zones(Selector selector, int current) {
        Set<Integer> result = new TreeSet<>();
        for (Range range : selector.ranges()) {
            String path = range.path();
            int from = range.from().resolve(zones, current);
            int to = range.to().resolve(zones, current);
            if (!exists(range.from(), from, path) | !exists(range.to(), to, path)) {
                continue;
            }
            if (range.from().anchor() == Anchor.ZONE || range.to().anchor() == Anchor.ZONE) {
                from = Math.max(from, 1);
                to = Math.min(to, zones);
            } else if (from > to) {
                problems.add(path, "range \"" + range.text() + "\" runs backwards on " + garment() + " (zone "
                        + from + " to zone " + to + ")");
            }
            for (int zone = from; zone <= to; zone++) {
                result.add(zone);
            }
        }
        return result;
    }

    /** "a 5-zone garment", "an 8-zone garment". */
    private String garment() {
        boolean vowel = zones == 8 || zones == 11 || zones == 18 || (zones >= 80 && zones < 90);
        return (vowel ? "an " : "a ") + zones + "-zone garment";
    }

    private boolean exists(ZoneRef ref, int zone, String path) {
        if (ref.anchor() == Anchor.ZONE || (zone >= 1 && zone <= zones)) {
            return true;
        }
        problems.add(path, ref.anchor() == Anchor.NUMBER
                ? "zone " + zone + " does not exist on " + garment()
                : "\"" + ref + "\" is zone " + zone + " on " + garment() + "; zones are numbered from 1");
        return false;
    }
}
