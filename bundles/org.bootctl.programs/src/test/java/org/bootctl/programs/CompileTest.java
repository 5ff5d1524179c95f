package org.bootctl.programs;

import static org.bootctl.programs.Fixtures.garment;
import static org.bootctl.programs.Fixtures.picture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Set;
import org.bootctl.api.program.Plan;
import org.bootctl.api.program.PlanException;
import org.bootctl.api.program.Settings;
import org.junit.jupiter.api.Test;

/** How the format compiles to plans: selectors, blocks, pressures, cap and boost, hold and vent. */
class CompileTest {

    private static final Settings LEVEL_7 = Settings.level(7, 10); // 110 mmHg
    private static final Settings LEVEL_4 = Settings.level(4, 10); // 70 mmHg

    private static Plan compile(String cycle, int zones, Settings settings) throws Exception {
        String json = """
                {"id": "t", "name": "T", "version": "3", "zones": {"min": %d, "max": %d}, "minCycle": 30,
                 "cycle": %s}
                """.formatted(zones, zones, cycle);
        return ProgramFormat.read(json, "t.json").compile(garment(zones), settings);
    }

    @Test
    void percentIsOfTheCapAndUnnamedZonesKeepWhatTheyHad() throws Exception {
        Plan plan = compile("[{\"fill\": 1, \"to\": \"80%\"}, {\"fill\": 3}, {\"vent\": 1, \"hold\": 2}, {\"hold\": 3}]", 4, LEVEL_4);
        assertEquals("""
                F56 V V V | hold 0 limit 20000
                H56 V F70 V | hold 0 limit 20000
                V V H70 V | hold 2000 limit 20000
                V V H70 V | hold 3000 limit 20000
                min cycle 30000""", picture(plan));
        assertEquals("t", plan.programId());
        assertEquals("3", plan.programVersion());
    }

    @Test
    void aCycleStartsVentedWhateverItsEndLeavesFilled() throws Exception {
        Plan plan = compile("[{\"fill\": 2, \"hold\": 5}, {\"fill\": 1}]", 2, LEVEL_7);
        assertEquals("""
                V F110 | hold 5000 limit 20000
                F110 H110 | hold 0 limit 20000
                min cycle 30000""", picture(plan));
    }

    @Test
    void absolutePressuresAreClampedToTheCap() throws Exception {
        Plan plan = compile("[{\"fill\": 1, \"to\": \"40 mmHg\"}, {\"fill\": 2, \"to\": \"100 mmHg\", \"hold\": 5}]", 2,
                Settings.level(3, 10));
        assertEquals("""
                F40 V | hold 0 limit 20000
                H40 F57 | hold 5000 limit 20000
                min cycle 30000""", picture(plan));
    }

    @Test
    void boostAddsTenWithinTheZonesLimit() throws Exception {
        String cycle = "[{\"fill\": \"all\", \"to\": \"25 mmHg\"}, {\"fill\": \"all\", \"hold\": 5}]";
        assertEquals("""
                F35 F25 | hold 0 limit 20000
                F40 F30 | hold 5000 limit 20000
                min cycle 30000""", picture(compile(cycle, 2, Settings.level(1, 10).withBoost(Set.of(1)))));
        assertEquals("""
                F25 F35 | hold 0 limit 20000
                F115 F120 | hold 5000 limit 20000
                min cycle 30000""", picture(compile(cycle, 2, Settings.pressure(115, 10).withBoost(Set.of(2)))));
    }

    @Test
    void selectorsNameZonesByNumberRangeAndTop() throws Exception {
        Plan plan = compile("[{\"fill\": \"top\"}, {\"fill\": \"top-1\"}, {\"vent\": \"all\"}, {\"fill\": [1, \"3-4\"]},"
                + " {\"vent\": \"2-top\"}, {\"fill\": \"all\", \"hold\": 5}]", 5, LEVEL_4);
        assertEquals("""
                V V V V F70 | hold 0 limit 20000
                V V V F70 H70 | hold 0 limit 20000
                V V V V V | hold 0 limit 20000
                F70 V F70 F70 V | hold 0 limit 20000
                H70 V V V V | hold 0 limit 20000
                F70 F70 F70 F70 F70 | hold 5000 limit 20000
                min cycle 30000""", picture(plan));
    }

    @Test
    void aBlockRepeatsItsStepsForEachZoneDownward() throws Exception {
        Plan plan = compile("[{\"each\": \"down\", \"zones\": \"2-top\", \"steps\": [{\"fill\": \"zone\", \"hold\": 1},"
                + " {\"vent\": \"zone+1\"}]}, {\"vent\": \"all\", \"hold\": 5}]", 4, LEVEL_4);
        // on the top zone, "zone+1" falls off the garment: that step has nothing to do and is left out
        assertEquals("""
                V V V F70 | hold 1000 limit 20000
                V V F70 H70 | hold 1000 limit 20000
                V V H70 V | hold 0 limit 20000
                V F70 H70 V | hold 1000 limit 20000
                V H70 V V | hold 0 limit 20000
                V V V V | hold 5000 limit 20000
                min cycle 30000""", picture(plan));
    }

    @Test
    void aGradientFallsPerZoneDownToItsMinimum() throws Exception {
        Plan plan = compile("[{\"fill\": \"all\", \"to\": {\"start\": \"100%\", \"perZone\": \"-20%\", \"min\": \"30%\"}, \"hold\": 5}]",
                6, Settings.pressure(100, 10));
        assertEquals("""
                F100 F80 F60 F40 F30 F30 | hold 5000 limit 20000
                min cycle 30000""", picture(plan));
        Plan absolute = compile("[{\"fill\": \"all\", \"to\": {\"start\": \"50 mmHg\", \"perZone\": \"+5 mmHg\", \"min\": \"1 mmHg\"}, \"hold\": 5}]",
                4, Settings.pressure(60, 10));
        assertEquals("F50 F55 F60 F60 | hold 5000 limit 20000\nmin cycle 30000", picture(absolute));
    }

    @Test
    void targetsAreRoundedToATenthOfAMillimetre() throws Exception {
        Plan plan = compile("[{\"fill\": 1, \"to\": \"33.3%\", \"limit\": 7.5, \"hold\": 5.25}]", 1, Settings.level(2, 10));
        assertEquals("F14.3 | hold 5250 limit 7500\nmin cycle 30000", picture(plan));
    }

    @Test
    void aGarmentOutsideTheProgramsRangeIsRefused() throws Exception {
        String json = """
                {"id": "t", "name": "T", "version": "1", "zones": {"min": 4, "max": 8}, "cycle": [{"fill": 1, "hold": 5}]}
                """;
        JsonProgram program = ProgramFormat.read(json, "t.json");
        PlanException e = assertThrows(PlanException.class, () -> program.compile(garment(3), LEVEL_7));
        assertEquals("t runs on garments of 4 to 8 zones; this one has 3", e.getMessage());
    }
}
