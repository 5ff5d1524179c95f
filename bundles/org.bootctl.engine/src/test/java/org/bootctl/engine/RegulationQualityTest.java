package org.bootctl.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.bootctl.api.device.DeviceDescription;
import org.bootctl.api.device.ModelSpec;
import org.bootctl.api.device.Models;
import org.bootctl.api.program.Plan;
import org.bootctl.api.program.Settings;
import org.bootctl.api.program.Step;
import org.bootctl.api.program.ZoneAction;
import org.bootctl.api.session.SessionInfo;
import org.bootctl.api.session.SessionState;
import org.bootctl.sim.SimulatedDevice;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The host regulator against the simulator's true chamber pressures (not the sensors it
 * regulates on), in virtual time: every fill gets to 98 % of its target, and no chamber rises
 * more than 2 mmHg above it (docs/BENCHMARKS.md has the measured figures).
 */
class RegulationQualityTest {

    @TempDir
    Path data;

    @ParameterizedTest
    @CsvSource({"RB2-L5, 3", "RB2-L5, 7", "RB2-A4, 5", "RB2-M8, 3", "RB2-M8, 7"})
    void fillsReachTheirTargetWithoutOvershoot(String modelId, int level) throws Exception {
        ModelSpec model = Models.find(modelId).orElseThrow();
        Harness h = new Harness(data);
        h.program(TestPrograms.sequential(2000, 30_000));
        SimulatedDevice sim = SimulatedDevice.of("dev1", model, List.of(), h.time, 7);
        sim.start();
        h.connect(sim);
        DeviceDescription device = sim.description();
        Settings settings = Harness.plain(level, 0);
        Plan plan = TestPrograms.sequentialPlan(device.zoneCount(), settings, 2000, 30_000, Step.DEFAULT_TIME_LIMIT_MS);
        SessionInfo session = h.start("seq", settings);
        int channels = device.channelCount();
        double[] target = new double[channels];
        double[] best = new double[channels];
        double worst = Double.NEGATIVE_INFINITY;
        while (h.info(session.id()).cycle() < 2) {
            h.time.advance(1_000_000L);
            SessionInfo now = h.info(session.id());
            assertTrue(!now.state().isFinal(), now.endReason());
            Step step = now.state() == SessionState.RUNNING && now.step() >= 0 ? plan.steps().get(now.step()) : null;
            for (int c = 0; c < channels; c++) {
                ZoneAction action = step == null ? null : step.action(device.channel(c).zone());
                double t = action == null || action.kind() == ZoneAction.Kind.VENT ? 0 : action.targetMmHg();
                if (t != target[c]) {
                    assertTrue(target[c] == 0 || best[c] >= 0.98 * target[c], device.describe(c) + " got to "
                            + best[c] + " of " + target[c] + " mmHg");
                    target[c] = t;
                    best[c] = 0;
                }
                double p = sim.truePressure(c);
                best[c] = Math.max(best[c], p);
                if (t > 0) {
                    worst = Math.max(worst, p - t);
                }
            }
        }
        assertTrue(worst <= 2, modelId + " level " + level + ": rose " + worst + " mmHg above a target");
        assertTrue(worst > -2, "the check saw the fills: " + worst);
    }
}
