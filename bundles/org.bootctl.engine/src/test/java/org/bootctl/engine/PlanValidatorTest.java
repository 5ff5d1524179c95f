package org.bootctl.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.bootctl.api.device.DeviceDescription;
import org.bootctl.api.device.ModelSpec;
import org.bootctl.api.device.Models;
import org.bootctl.api.program.Plan;
import org.bootctl.api.program.PlanException;
import org.bootctl.api.program.Program;
import org.bootctl.api.program.Settings;
import org.bootctl.api.program.Step;
import org.bootctl.api.program.ZoneAction;
import org.bootctl.api.session.SessionException;
import org.bootctl.api.session.SessionState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plans are checked before any air moves: refusals name the rule, the step, the zone and the value. */
class PlanValidatorTest {

    private static final DeviceDescription L5 = device(Models.RB2_L5);
    private static final DeviceDescription RB1 = device(Models.RB1_L4);
    private static final Program SEQ = TestPrograms.sequential(2000, 60_000);

    private static DeviceDescription device(ModelSpec model) {
        return DeviceDescription.of("d", model, "s", "f", model.defaultRateHz());
    }

    private static String refused(Program program, DeviceDescription device, Settings settings) {
        SessionException e = assertThrows(SessionException.class, () -> PlanValidator.plan(program, device, settings));
        assertEquals(SessionException.Reason.REFUSED, e.reason());
        return e.getMessage();
    }

    /** Five zones, every one filled to {@code mmHg} in one step, zone 2 to {@code zone2}. */
    private static Program fixed(double mmHg, double zone2, int zones) {
        List<ZoneAction> actions = new ArrayList<>(Collections.nCopies(zones, ZoneAction.fill(mmHg)));
        actions.set(1, ZoneAction.fill(zone2));
        Step vent = new Step(Collections.nCopies(zones, ZoneAction.vent()), 1000);
        return TestPrograms.fixed(new Plan("fixed", "1", List.of(vent, new Step(actions, 1000))));
    }

    @Test
    void aValidPlanIsReturned() throws Exception {
        Plan plan = PlanValidator.plan(SEQ, L5, Settings.level(7, 30).withBoost(Set.of(3)));
        assertEquals(7, plan.steps().size());
        assertEquals(120, plan.maxTarget(3));
        assertEquals(110, plan.maxTarget(2));
    }

    @Test
    void everyTargetWithinTheSessionLimit() {
        assertEquals("step 2 of 2, zone 2 (ankle): target 115 mmHg is above the session limit of 110 mmHg"
                + " (level 7 (110 mmHg))", refused(fixed(100, 115, 5), L5, Settings.level(7, 30)));
        assertEquals("step 2 of 2, zone 2 (ankle): target 68.5 mmHg is above the session limit of 68 mmHg"
                + " (a cap of 68 mmHg)", refused(fixed(60, 68.5, 5), L5, Settings.pressure(68, 30)));
    }

    @Test
    void aBoostedZoneMayGo10Higher() throws Exception {
        PlanValidator.plan(fixed(100, 120, 5), L5, Settings.level(7, 30).withBoost(Set.of(2)));
        assertTrue(refused(fixed(100, 120, 5), L5, Settings.level(7, 30).withBoost(Set.of(3)))
                .startsWith("step 2 of 2, zone 2 (ankle): target 120 mmHg is above the session limit of 110 mmHg"));
    }

    @Test
    void headroomUnderTheHardLimitIsRefusedWithTheReason() {
        assertEquals("level 7 (110 mmHg) + boost on zone 3 needs 120 mmHg, which is within 10 mmHg of the RB1-L4's"
                + " hard limit of 120 mmHg", refused(SEQ, RB1, Settings.level(7, 30).withBoost(Set.of(3))));
        assertEquals("a cap of 115 mmHg needs 115 mmHg, which is within 10 mmHg of the RB1-L4's hard limit of 120 mmHg",
                refused(SEQ, RB1, Settings.pressure(115, 30)));
    }

    @Test
    void exactly10UnderTheHardLimitIsAllowed() throws Exception {
        assertNotNull(PlanValidator.plan(SEQ, RB1, Settings.level(7, 30)));
        assertNotNull(PlanValidator.plan(SEQ, L5, Settings.level(7, 30).withBoost(Set.of(1, 5))));
    }

    @Test
    void thePlanMustHaveTheGarmentsZones() {
        assertEquals("program 'fixed' made a plan for 4 zones; the RB2-L5 has 5",
                refused(fixed(50, 50, 4), L5, Settings.level(7, 30)));
    }

    @Test
    void boostZonesMustExist() {
        assertEquals("boost zone 9 does not exist on the RB2-L5 (5 zones)",
                refused(SEQ, L5, Settings.level(5, 30).withBoost(Set.of(2, 9))));
    }

    @Test
    void theProgramMustSupportTheGarment() {
        Program small = TestPrograms.program("small", 2, 4, (g, s) -> null);
        assertEquals("program 'small' supports 2 to 4 zones; the RB2-L5 has 5", refused(small, L5, Settings.level(5, 30)));
        Program eight = TestPrograms.program("eight", 8, 8, (g, s) -> null);
        assertEquals("program 'eight' supports 8 zones; the RB2-L5 has 5", refused(eight, L5, Settings.level(5, 30)));
    }

    @Test
    void whateverAProgramThrowsIsARefusal() {
        Program unwilling = TestPrograms.program("unwilling", 1, 16, (g, s) -> {
            throw new PlanException("needs at least 6 zones for the lymph pattern");
        });
        assertEquals("program 'unwilling': needs at least 6 zones for the lymph pattern",
                refused(unwilling, L5, Settings.level(5, 30)));
        Program broken = TestPrograms.failing((g, s) -> new IllegalStateException("boom"));
        assertEquals("program 'broken' failed to make a plan: boom", refused(broken, L5, Settings.level(5, 30)));
        // a plan the API refuses to build: its words, not "java.lang.IllegalArgumentException: ..."
        Program zeroLimit = TestPrograms.program("zero-limit", 1, 16, (g, s) -> new Plan("zero-limit", "1",
                List.of(new Step(Collections.nCopies(g.zones(), ZoneAction.fill(20)), 1000, 0))));
        assertEquals("program 'zero-limit' failed to make a plan: time limit must be positive: 0 ms",
                refused(zeroLimit, L5, Settings.level(5, 30)));
        Program empty = TestPrograms.program("empty", 1, 16, (g, s) -> null);
        assertEquals("program 'empty' made no plan", refused(empty, L5, Settings.level(5, 30)));
    }

    @Test
    void aRefusedStartMovesNoAir(@TempDir Path data) {
        Harness h = new Harness(data);
        h.program(TestPrograms.sequential(2000, 60_000));
        FakeBoot boot = h.connect(Models.RB1_L4);
        int setpoints = boot.setpointCommands;
        SessionException e = assertThrows(SessionException.class,
                () -> h.start("seq", Settings.level(7, 30).withBoost(Set.of(3))));
        assertEquals(SessionException.Reason.REFUSED, e.reason());
        assertEquals(SessionException.Reason.REFUSED, assertThrows(SessionException.class,
                () -> h.engine.preview("dev1", "seq", Settings.level(7, 30).withBoost(Set.of(3)))).reason());
        h.seconds(2);
        assertTrue(boot.setpointCommands > setpoints);
        assertTrue(boot.lastCommandVents(), "idle: every setpoint 0");
        assertEquals(SessionState.IDLE, h.device().state());
        assertTrue(h.engine.recent(5).isEmpty(), "no session, no history");
    }

    @Test
    void previewReturnsThePlanOrNotFound(@TempDir Path data) throws Exception {
        Harness h = new Harness(data);
        h.program(TestPrograms.sequential(2000, 60_000));
        h.connect(Models.RB2_L5);
        assertEquals(7, h.engine.preview("dev1", "seq", Settings.level(3, 10)).steps().size());
        assertEquals(SessionException.Reason.NOT_FOUND, assertThrows(SessionException.class,
                () -> h.engine.preview("dev1", "other", Settings.level(3, 10))).reason());
        assertEquals(SessionException.Reason.NOT_FOUND, assertThrows(SessionException.class,
                () -> h.engine.preview("dev2", "seq", Settings.level(3, 10))).reason());
    }
}
