package org.bootctl.programs;

import static org.bootctl.programs.Fixtures.garment;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.bootctl.api.program.Plan;
import org.bootctl.api.program.Program;
import org.bootctl.api.program.ProgramEntry;
import org.bootctl.api.program.Settings;
import org.bootctl.api.program.Step;
import org.bootctl.api.program.ZoneAction;
import org.bootctl.api.program.ZoneAction.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every built-in compiles on 2 to 12 zones at every level, stays within the session limit, and shows its pattern. */
class BuiltInProgramsTest {

    private static final int[] ZONE_COUNTS = {2, 4, 5, 8, 12};
    private static final Map<String, BuiltInPrograms.BuiltIn> BUILT_INS = BuiltInPrograms.load().stream()
            .collect(Collectors.toMap(b -> b.entry().id(), Function.identity()));

    private static Program program(String id) {
        return BUILT_INS.get(id).program();
    }

    private static Plan plan(String id, int zones, Settings settings) throws Exception {
        return program(id).compile(garment(zones), settings);
    }

    /** Every level, a low, a middle and the highest explicit cap; each without boost, with two zones boosted, and with all. */
    static Stream<Settings> everySetting() {
        List<Settings> settings = new ArrayList<>();
        List<Settings> base = new ArrayList<>();
        IntStream.rangeClosed(1, 7).forEach(level -> base.add(Settings.level(level, 30)));
        Stream.of(10.0, 65.0, 120.0).forEach(cap -> base.add(Settings.pressure(cap, 0)));
        for (Settings s : base) {
            settings.add(s);
            settings.add(s.withBoost(Set.of(1, 2)));
            settings.add(s.withBoost(IntStream.rangeClosed(1, 12).boxed().collect(Collectors.toSet())));
        }
        return settings.stream();
    }

    @Test
    void everyBuiltInIsValidAndNamedByItsFile() {
        assertEquals(BuiltInPrograms.IDS.size(), BUILT_INS.size());
        for (String id : BuiltInPrograms.IDS) {
            ProgramEntry entry = BUILT_INS.get(id).entry();
            assertEquals(List.of(), entry.errors(), id);
            assertNotNull(program(id), id);
            assertEquals(id, program(id).info().id());
            assertEquals("built-in", entry.source());
            assertEquals(2, entry.info().minZones(), id);
            assertEquals(12, entry.info().maxZones(), id);
        }
    }

    @Test
    void everyResourceIsListed() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/programs"))) {
            Set<String> ids = files.map(f -> f.getFileName().toString().replace(".json", "")).collect(Collectors.toSet());
            assertEquals(Set.copyOf(BuiltInPrograms.IDS), ids);
        }
    }

    @ParameterizedTest
    @MethodSource("everySetting")
    void everyBuiltInCompilesOnEveryGarmentWithinTheSessionLimit(Settings settings) throws Exception {
        for (String id : BuiltInPrograms.IDS) {
            for (int zones : ZONE_COUNTS) {
                Plan plan = plan(id, zones, settings);
                String where = id + " on " + zones + " zones at " + settings;
                assertEquals(zones, plan.zones(), where);
                assertTrue(plan.steps().size() <= CycleExpander.MAX_STEPS, where);
                assertTrue(Math.max(plan.holdMs(), plan.minCycleMs()) >= CycleExpander.MIN_CYCLE_MS, where);
                for (int zone = 1; zone <= zones; zone++) {
                    double limit = Math.min(settings.limit(zone), Settings.MAX_BOOSTED_MMHG);
                    assertTrue(plan.maxTarget(zone) <= limit, where + ": zone " + zone + " reaches " + plan.maxTarget(zone));
                    assertTrue(plan.maxTarget(zone) > 0, where + ": zone " + zone + " never fills");
                }
                assertHoldsKeepTheirTarget(plan, where);
                assertVentsHaveTimeToEmpty(plan, where);
            }
        }
    }

    /**
     * The engine's channel trip (docs/DESIGN.md) allows a channel 15 mmHg above the highest target of its
     * current or previous step: a zone vented in one step must be nearly empty when the next begins,
     * unless that step fills it again. Emptying from full takes the catalogue's boots 2 to 3.6 s
     * (down to 5 mmHg; under 15 sooner), so the venting step holds 3 s, or lasts as long as a fill
     * from empty (which takes longer than a vent).
     */
    static void assertVentsHaveTimeToEmpty(Plan plan, String where) {
        List<Step> steps = plan.steps();
        int n = steps.size();
        for (int s = 0; s < n; s++) {
            Step previous = steps.get((s + n - 1) % n); // the cycle repeats: step 0 follows the last
            Step step = steps.get(s);
            Step next = steps.get((s + 1) % n);
            boolean fillsFromEmpty = IntStream.rangeClosed(1, plan.zones())
                    .anyMatch(z -> step.action(z).kind() == Kind.FILL && previous.action(z).kind() == Kind.VENT);
            for (int zone = 1; zone <= plan.zones(); zone++) {
                if (step.action(zone).kind() == Kind.VENT && previous.action(zone).targetMmHg() > 0
                        && next.action(zone).kind() != Kind.FILL) {
                    assertTrue(step.holdMs() >= 3000 || fillsFromEmpty,
                            where + ": zone " + zone + " vents in step " + s + " with no time to empty");
                }
            }
        }
    }

    /** A HOLD carries the target the zone had in the step before (the plan is self-contained). */
    private static void assertHoldsKeepTheirTarget(Plan plan, String where) {
        for (int s = 0; s < plan.steps().size(); s++) {
            for (int zone = 1; zone <= plan.zones(); zone++) {
                ZoneAction action = plan.steps().get(s).action(zone);
                if (action.kind() == Kind.HOLD) {
                    assertTrue(s > 0, where + ": a hold in the first step");
                    assertEquals(plan.steps().get(s - 1).action(zone).targetMmHg(), action.targetMmHg(), where);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 4, 5, 8, 12})
    void sequentialFillsUpwardWithLowerZonesHoldingThenHoldsAndVentsTogether(int zones) throws Exception {
        Settings settings = Settings.level(7, 30);
        Plan plan = plan("sequential", zones, settings);
        assertEquals(zones + 2, plan.steps().size());
        for (int k = 1; k <= zones; k++) {
            Step step = plan.steps().get(k - 1);
            for (int zone = 1; zone <= zones; zone++) {
                Kind expected = zone < k ? Kind.HOLD : zone == k ? Kind.FILL : Kind.VENT;
                assertEquals(expected, step.action(zone).kind(), "step " + k + " zone " + zone);
            }
            assertEquals(settings.target(k, 110), step.action(k).targetMmHg());
            assertEquals(0, step.holdMs());
        }
        Step top = plan.steps().get(zones);
        assertTrue(top.actions().stream().allMatch(a -> a.kind() == Kind.HOLD));
        assertEquals(2000, top.holdMs());
        assertTrue(plan.steps().get(zones + 1).actions().stream().allMatch(a -> a.kind() == Kind.VENT));
        assertEquals(60_000, plan.minCycleMs());
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 4, 5, 8, 12})
    void distalReleaseVentsEachZoneAsSoonAsTheOneAboveHasReachedItsTarget(int zones) throws Exception {
        Plan plan = plan("distal-release", zones, Settings.level(5, 30));
        List<Integer> fillSteps = IntStream.rangeClosed(1, zones).mapToObj(zone -> fillSteps(plan, zone))
                .peek(steps -> assertEquals(1, steps.size(), "each zone fills once")).map(steps -> steps.get(0)).toList();
        for (int k = 1; k < zones; k++) {
            int aboveFills = fillSteps.get(k); // the step where zone k+1 fills
            assertTrue(aboveFills > fillSteps.get(k - 1), "zones fill upward");
            assertEquals(Kind.HOLD, plan.steps().get(aboveFills).action(k).kind(), "zone " + k + " holds while " + (k + 1) + " fills");
            // the step after zone k+1's fill starts once it has reached its target: zone k vents there,
            // while zone k+1 holds alone until zone k is empty
            Step release = plan.steps().get(aboveFills + 1);
            assertEquals(Kind.VENT, release.action(k).kind(), "zone " + k + " lets go");
            assertEquals(Kind.HOLD, release.action(k + 1).kind());
            assertEquals(3000, release.holdMs());
            for (int s = aboveFills + 1; s < plan.steps().size(); s++) {
                assertEquals(Kind.VENT, plan.steps().get(s).action(k).kind(), "zone " + k + " stays vented");
            }
        }
        // a travelling squeeze: never more than two zones under pressure
        for (Step step : plan.steps()) {
            assertTrue(step.actions().stream().filter(a -> a.kind() != Kind.VENT).count() <= 2);
        }
        assertEquals(60_000, plan.minCycleMs());
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 4, 5, 8, 12})
    void pulseTakesEachZoneToItsTargetAndHalfThreeTimesWhileFilledZonesHold(int zones) throws Exception {
        Settings settings = Settings.level(6, 30); // 97 mmHg
        Plan plan = plan("pulse", zones, settings);
        for (int k = 1; k <= zones; k++) {
            double full = settings.target(k, 97);
            double half = settings.target(k, 48.5);
            List<Double> pulse = new ArrayList<>();
            for (int s : fillSteps(plan, k)) {
                pulse.add(plan.steps().get(s).action(k).targetMmHg());
                for (int below = 1; below < k; below++) {
                    assertEquals(Kind.HOLD, plan.steps().get(s).action(below).kind());
                    assertEquals(settings.target(below, 97), plan.steps().get(s).action(below).targetMmHg());
                }
                for (int above = k + 1; above <= zones; above++) {
                    assertEquals(Kind.VENT, plan.steps().get(s).action(above).kind());
                }
            }
            assertEquals(List.of(full, half, full, half, full), pulse, "zone " + k);
            List<Integer> steps = fillSteps(plan, k);
            assertEquals(4, steps.get(4) - steps.get(0), "zone " + k + " pulses before the next fills");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 4, 5, 8, 12})
    void gradientTargetsFallTenPercentOfTheLevelPerZone(int zones) throws Exception {
        Settings settings = Settings.pressure(100, 30);
        Plan plan = plan("gradient", zones, settings);
        Step full = plan.steps().get(zones); // every zone filled, holding
        for (int zone = 1; zone <= zones; zone++) {
            double expected = Math.max(100 - 10 * (zone - 1), 30);
            assertEquals(expected, full.action(zone).targetMmHg(), 1e-9, "zone " + zone);
            assertEquals(zone - 1, fillSteps(plan, zone).get(0), "zones fill upward");
        }
        Plan level1 = plan("gradient", zones, Settings.level(1, 30)); // 30 mmHg
        for (int zone = 2; zone <= Math.min(zones, 8); zone++) {
            assertTrue(level1.maxTarget(zone) < level1.maxTarget(zone - 1), "falls at zone " + zone);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 4, 5, 8, 12})
    void waveMovesAWindowOfTwoAdjacentZonesUpWithoutPause(int zones) throws Exception {
        Plan plan = plan("wave", zones, Settings.level(4, 30));
        assertEquals(zones + 1, plan.steps().size());
        for (int k = 1; k <= zones; k++) {
            Step step = plan.steps().get(k - 1);
            Set<Integer> pressed = IntStream.rangeClosed(1, zones).filter(z -> step.action(z).kind() != Kind.VENT)
                    .boxed().collect(Collectors.toSet());
            assertEquals(k == 1 ? Set.of(1) : Set.of(k - 1, k), pressed, "step " + k);
            assertEquals(Kind.FILL, step.action(k).kind());
            assertEquals(0, step.holdMs(), "without pause");
        }
        assertTrue(plan.steps().get(zones).actions().stream().allMatch(a -> a.kind() == Kind.VENT));
        assertEquals(30_000, plan.minCycleMs());
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 4, 5, 8, 12})
    void warmUpFillsToSixtyPercentWithShortHoldsAndQuickCycles(int zones) throws Exception {
        Plan plan = plan("warm-up", zones, Settings.level(5, 30)); // 83 mmHg
        for (int zone = 1; zone <= zones; zone++) {
            assertEquals(49.8, plan.maxTarget(zone), 1e-9);
        }
        assertTrue(plan.steps().stream().allMatch(s -> s.holdMs() <= 3000));
        assertEquals(20_000, plan.minCycleMs());
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 4, 5, 8, 12})
    void lymphaticClearsTheProximalZonesTopDownBeforeDrainingUpwardWithAGradient(int zones) throws Exception {
        Settings settings = Settings.pressure(100, 30);
        Plan plan = plan("lymphatic", zones, settings);
        List<Integer> zoneOneFills = fillSteps(plan, 1);
        int drainStarts = zoneOneFills.get(zoneOneFills.size() - 1); // on 2 zones, zone 1 is cleared too
        List<Integer> clearing = new ArrayList<>();
        List<Integer> draining = new ArrayList<>();
        for (int s = 0; s < plan.steps().size(); s++) {
            for (int zone = 1; zone <= zones; zone++) {
                if (plan.steps().get(s).action(zone).kind() == Kind.FILL) {
                    (s < drainStarts ? clearing : draining).add(zone);
                }
            }
        }
        assertEquals(List.of(zones, zones - 1), clearing, "clearing: the two proximal zones, top down");
        assertEquals(IntStream.rangeClosed(1, zones).boxed().toList(), draining, "draining: distal to proximal");
        // each clearing fill is released before the next one starts
        assertEquals(Kind.VENT, plan.steps().get(1).action(zones).kind());
        assertEquals(Kind.FILL, plan.steps().get(2).action(zones - 1).kind());
        assertEquals(Kind.VENT, plan.steps().get(3).action(zones - 1).kind());
        // the drainage falls 10 % per zone, to no less than 40 %
        Step drained = plan.steps().get(plan.steps().size() - 2);
        for (int zone = 1; zone <= zones; zone++) {
            assertEquals(Math.max(100 - 10 * (zone - 1), 40), drained.action(zone).targetMmHg(), 1e-9);
        }
        assertEquals(90_000, plan.minCycleMs());
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 4, 5, 8, 12})
    void flushFillsQuicklyWithoutHoldsThenVentsAndRestsShortly(int zones) throws Exception {
        Plan plan = plan("flush", zones, Settings.level(3, 30));
        for (int k = 1; k <= zones; k++) {
            assertEquals(List.of(k - 1), fillSteps(plan, k));
            assertEquals(0, plan.steps().get(k - 1).holdMs());
        }
        Step last = plan.steps().get(zones);
        assertTrue(last.actions().stream().allMatch(a -> a.kind() == Kind.VENT));
        assertEquals(5000, last.holdMs());
        assertEquals(0, plan.minCycleMs());
    }

    /** The indexes of the steps in which {@code zone} fills. */
    private static List<Integer> fillSteps(Plan plan, int zone) {
        return IntStream.range(0, plan.steps().size())
                .filter(s -> plan.steps().get(s).action(zone).kind() == Kind.FILL).boxed().toList();
    }
}
