package org.bootctl.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.bootctl.api.device.ModelSpec;
import org.bootctl.api.device.Models;
import org.bootctl.api.program.Program;
import org.bootctl.api.program.Settings;
import org.bootctl.api.session.SessionException;
import org.bootctl.api.session.SessionInfo;
import org.bootctl.api.session.SessionState;
import org.bootctl.programs.BuiltIns;
import org.bootctl.sim.SimulatedDevice;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A sound unit never trips: every built-in program at every level on every simulated model, with
 * and without boost, ramp-in and fit check, runs its two minutes to COMPLETED in virtual time. The
 * supervisor's stricter sensor-response rules (a stuck sensor, issue 9) must not fault a healthy
 * session; this is their false-positive check.
 */
class HealthySessionsTest {

    private static final double MINUTES = 2;

    @TempDir
    Path data;

    private int run;

    @ParameterizedTest
    @ValueSource(strings = {"RB2-L5", "RB2-A4", "RB2-M8", "RB1-L4"})
    void everyBuiltInProgramAtEveryLevelCompletesWithoutAFault(String modelId) throws Exception {
        ModelSpec model = Models.find(modelId).orElseThrow();
        List<Program> programs = BuiltIns.all();
        assertEquals(8, programs.size(), "the built-in programs");
        List<String> faults = new ArrayList<>();
        int completed = 0;
        for (Program program : programs) {
            for (int level = 1; level <= 7; level++) {
                // boost on the first and last zone every other level; ramp-in and fit check vary too
                Set<Integer> boost = level % 2 == 1 ? Set.of(1, model.zones()) : Set.of();
                Settings settings = Settings.level(level, MINUTES).withBoost(boost)
                        .withRampIn(level % 3 != 0).withFitCheck(level % 4 == 1);
                String outcome = session(model, program, settings, 1000L * run);
                if (outcome == null) {
                    completed++;
                } else if (!outcome.isEmpty()) {
                    faults.add(program.info().id() + " " + settings + ": " + outcome);
                }
            }
        }
        assertEquals(List.of(), faults, modelId + ": healthy sessions that did not complete");
        assertTrue(completed >= 8 * 6, modelId + ": sessions run (a few may be refused for headroom): " + completed);
    }

    /** Null when it completed, "" when refused before any air moved, else how it ended. */
    private String session(ModelSpec model, Program program, Settings settings, long seed) throws Exception {
        Harness h = new Harness(data.resolve("run" + run++));
        h.program(program);
        SimulatedDevice sim = SimulatedDevice.of("dev1", model, List.of(), h.time, seed);
        sim.start();
        h.connect(sim);
        SessionInfo s;
        try {
            s = h.start(program.info().id(), settings);
        } catch (SessionException e) {
            if (e.reason() == SessionException.Reason.REFUSED) {
                return ""; // headroom: a boosted level 7 may not fit a model's hard limit
            }
            throw e;
        }
        h.runUntil(() -> h.state(s.id()).isFinal(), MINUTES * 60 + 60);
        SessionInfo end = h.info(s.id());
        h.engine.removeDevice(sim);
        sim.close();
        return end.state() == SessionState.COMPLETED ? null
                : end.state() + " (" + (end.fault() != null ? end.fault().message() : end.endReason()) + ")";
    }
}
