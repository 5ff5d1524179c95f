package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.bootctl.api.program.Garment;
import org.bootctl.api.program.Plan;
import org.bootctl.api.program.PlanException;
import org.bootctl.api.program.Settings;
import org.bootctl.api.program.Step;
import org.bootctl.api.program.ZoneAction.Kind;
import org.junit.jupiter.api.Test;

/** A program is plain Java: make a Garment and Settings, compile, and check the plan. No OSGi needed. */
class RippleProgramTest {

    private final RippleProgram program = new RippleProgram();

    /** A 5-zone leg garment: zone names from distal to proximal, 1 limb, the device's hard limit in mmHg. */
    private static final Garment LEG = new Garment(List.of("foot", "ankle", "calf", "knee", "thigh"), 1, 150);

    @Test
    void theIdIsOneTheControllerAccepts() {
        assertTrue(RippleProgram.ID.matches("[a-z0-9][a-z0-9-]*"), RippleProgram.ID);
    }

    @Test
    void everyTargetStaysWithinTheSessionLimitAtEveryLevelWithAndWithoutBoost() throws PlanException {
        for (int level = 1; level <= 7; level++) {
            for (Set<Integer> boost : List.of(Set.<Integer>of(), Set.of(1, 3))) {
                // level 1..7 and 20 minutes; boost adds 10 mmHg on the zones named
                Settings settings = Settings.level(level, 20).withBoost(boost);
                Plan plan = program.compile(LEG, settings);
                assertEquals(LEG.zones(), plan.zones());
                for (int zone = 1; zone <= LEG.zones(); zone++) {
                    assertTrue(plan.maxTarget(zone) > 0, "zone " + zone + " is used");
                    assertTrue(plan.maxTarget(zone) <= settings.limit(zone),
                            "level " + level + " zone " + zone + ": " + plan.maxTarget(zone));
                }
            }
        }
    }

    @Test
    void aSqueezeRunsUpTheLimbTwiceFirstLightly() throws PlanException {
        Settings settings = Settings.pressure(100, 10); // 100 mmHg for 10 minutes
        Plan plan = program.compile(LEG, settings);
        assertEquals(2 * (5 + 1), plan.steps().size());
        for (int pass = 0; pass < 2; pass++) {
            for (int zone = 1; zone <= 5; zone++) {
                Step step = plan.steps().get(pass * 6 + zone - 1);
                assertEquals(Kind.FILL, step.action(zone).kind());
                assertEquals(pass == 0 ? 70 : 100, step.action(zone).targetMmHg(), 1e-9);
            }
            Step rest = plan.steps().get(pass * 6 + 5);
            assertTrue(rest.actions().stream().allMatch(a -> a.kind() == Kind.VENT), "all zones vent to rest");
            assertTrue(rest.holdMs() >= 3000, "vented zones get time to empty");
        }
    }

    @Test
    void aGarmentOutsideItsRangeIsRefusedWithTheReason() {
        Garment oneZone = new Garment(List.of("sleeve"), 1, 150);
        PlanException e = assertThrows(PlanException.class, () -> program.compile(oneZone, Settings.level(3, 10)));
        assertEquals(RippleProgram.ID + " runs on garments of 2 to 16 zones; this one has 1", e.getMessage());
    }
}
