package org.bootctl.programs;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.bootctl.api.program.Garment;
import org.bootctl.api.program.Plan;
import org.bootctl.api.program.Step;
import org.bootctl.api.program.ZoneAction;

/** Garments and plan pictures shared by the tests. */
final class Fixtures {

    private Fixtures() {
    }

    /** A one-limb garment of {@code zones} zones with a 150 mmHg hard limit. */
    static Garment garment(int zones) {
        List<String> names = IntStream.rangeClosed(1, zones).mapToObj(i -> "zone" + i).toList();
        return new Garment(names, 1, 150);
    }

    /** A plan as one line per step: each zone's action as F(ill)/H(old)/V(ent) and its target, then the hold. */
    static String picture(Plan plan) {
        List<String> lines = new ArrayList<>();
        for (Step step : plan.steps()) {
            lines.add(step.actions().stream().map(Fixtures::cell).collect(Collectors.joining(" "))
                    + " | hold " + step.holdMs() + " limit " + step.timeLimitMs());
        }
        return String.join("\n", lines) + "\nmin cycle " + plan.minCycleMs();
    }

    private static String cell(ZoneAction a) {
        return switch (a.kind()) {
            case FILL -> "F" + fmt(a.targetMmHg());
            case HOLD -> "H" + fmt(a.targetMmHg());
            case VENT -> "V";
        };
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
