package org.bootctl.example.program;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.bootctl.api.device.ModelSpec;
import org.bootctl.api.device.Models;
import org.bootctl.api.program.Garment;
import org.bootctl.api.program.Plan;
import org.bootctl.api.program.PlanException;
import org.bootctl.api.program.Settings;
import org.bootctl.api.program.Step;
import org.bootctl.api.program.ZoneAction.Kind;
import org.junit.jupiter.api.Test;

/** The example program compiles on the catalogue's garments at every level, within the session limit. */
class RippleProgramTest {

    private final RippleProgram program = new RippleProgram();

    private static Garment garment(ModelSpec model) {
        return new Garment(model.zoneNames(), model.limbs(), model.hardLimitMmHg());
    }

    @Test
    void everyTargetStaysWithinTheSessionLimitOnEveryModel() throws PlanException {
        for (ModelSpec model : Models.all()) {
            for (int level = 1; level <= 7; level++) {
                for (Set<Integer> boost : List.of(Set.<Integer>of(), Set.of(1, 3))) {
                    Settings settings = Settings.level(level, 20).withBoost(boost);
                    Plan plan = program.compile(garment(model), settings);
                    assertEquals(model.zones(), plan.zones());
                    for (int zone = 1; zone <= model.zones(); zone++) {
                        assertTrue(plan.maxTarget(zone) <= settings.limit(zone),
                                model.model() + " level " + level + " zone " + zone + ": " + plan.maxTarget(zone));
                        assertTrue(plan.maxTarget(zone) > 0);
                    }
                    assertVentsHaveTimeToEmpty(plan);
                }
            }
        }
    }

    /**
     * The engine's channel trip allows a zone 15 mmHg above the highest target of its current or
     * previous step: a zone vented in one step must be nearly empty when the next begins, unless it
     * fills again. So the venting step holds 3 s, or fills another zone from empty meanwhile.
     */
    private static void assertVentsHaveTimeToEmpty(Plan plan) {
        int n = plan.steps().size();
        for (int s = 0; s < n; s++) {
            Step previous = plan.steps().get((s + n - 1) % n);
            Step step = plan.steps().get(s);
            Step next = plan.steps().get((s + 1) % n);
            boolean fillsFromEmpty = IntStream.rangeClosed(1, plan.zones())
                    .anyMatch(z -> step.action(z).kind() == Kind.FILL && previous.action(z).kind() == Kind.VENT);
            for (int zone = 1; zone <= plan.zones(); zone++) {
                if (step.action(zone).kind() == Kind.VENT && previous.action(zone).targetMmHg() > 0
                        && next.action(zone).kind() != Kind.FILL) {
                    assertTrue(step.holdMs() >= 3000 || fillsFromEmpty, "zone " + zone + " vents in step " + s);
                }
            }
        }
    }

    @Test
    void aSqueezeRunsUpTheLimbTwiceFirstLightly() throws PlanException {
        Settings settings = Settings.level(7, 20); // 110 mmHg
        Plan plan = program.compile(garment(Models.RB2_L5), settings);
        assertEquals(2 * (5 + 1), plan.steps().size());
        for (int pass = 0; pass < 2; pass++) {
            for (int k = 1; k <= 5; k++) {
                Step step = plan.steps().get(pass * 6 + k - 1);
                assertEquals(Kind.FILL, step.action(k).kind());
                assertEquals(pass == 0 ? 77 : 110, step.action(k).targetMmHg(), 1e-9);
                long pressed = IntStream.rangeClosed(1, 5).filter(z -> step.action(z).kind() != Kind.VENT).count();
                assertEquals(k == 1 ? 1 : 2, pressed, "the zone below holds while this one fills");
            }
            assertTrue(plan.steps().get(pass * 6 + 5).actions().stream().allMatch(a -> a.kind() == Kind.VENT));
        }
        assertEquals(40_000, plan.minCycleMs());
    }

    @Test
    void aGarmentOutsideItsRangeIsRefusedWithTheReason() {
        PlanException e = assertThrows(PlanException.class, () -> program.compile(new Garment(List.of("one"), 1, 150),
                Settings.level(3, 10)));
        assertEquals("example-ripple runs on garments of 2 to 16 zones; this one has 1", e.getMessage());
    }
}
