package org.bootctl.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.bootctl.api.device.Models;
import org.bootctl.api.program.Plan;
import org.bootctl.api.program.Step;
import org.bootctl.api.program.ZoneAction;
import org.bootctl.api.session.SessionException;
import org.bootctl.api.session.SessionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A program is foreign code: its compile runs off the caller's thread within 2 s, whatever it
 * throws is a refusal, and a plan larger or longer than any program may make is refused. Nothing
 * moves air on a refusal.
 */
class ForeignProgramTest {

    @TempDir
    Path data;

    @Test
    void aCompileThatDoesNotFinishIsRefusedNamingTheProgramAndHoldsOneThreadAtMost() throws Exception {
        Harness h = new Harness(data);
        Gate release = new Gate();
        h.program(TestPrograms.program("slow", 1, 16, (garment, settings) -> {
            release.awaitUninterruptibly(); // deaf to interruption, as a program in an endless loop
            return TestPrograms.sequentialPlan(garment.zones(), settings, 2000, 30_000, Step.DEFAULT_TIME_LIMIT_MS);
        }));
        h.program(TestPrograms.sequential(2000, 30_000));
        FakeBoot boot = h.connect(Models.RB2_L5);
        try {
            SessionException refused = assertThrows(SessionException.class, () -> h.start("slow", Harness.plain(5, 10)));
            assertEquals(SessionException.Reason.REFUSED, refused.reason());
            assertEquals("program 'slow' did not make a plan within 2000 ms (a program must compile quickly);"
                    + " the session was not started", refused.getMessage());
            SessionException again = assertThrows(SessionException.class, () -> h.engine.preview("dev1", "slow", Harness.plain(5, 10)));
            assertTrue(again.getMessage().startsWith("program 'slow' is still making a plan for an earlier start"),
                    again.getMessage());
            int commands = boot.commands();
            h.seconds(1);
            assertTrue(boot.lastCommandVents(), "no air moved");
            assertTrue(boot.commands() > commands, "the loop went on");

            // a program given itself (not chosen by id) is named by what it says of itself
            var given = TestPrograms.program("slow-given", 1, 16, (garment, settings) -> {
                release.awaitUninterruptibly();
                return TestPrograms.sequentialPlan(garment.zones(), settings, 2000, 30_000, Step.DEFAULT_TIME_LIMIT_MS);
            });
            SessionException givenRefused = assertThrows(SessionException.class,
                    () -> h.engine.start("dev1", given, Harness.plain(5, 10)));
            assertEquals("program 'slow-given' did not make a plan within 2000 ms (a program must compile quickly);"
                    + " the session was not started", givenRefused.getMessage());

            SessionInfo other = h.start("seq", Harness.plain(5, 10)); // other programs are not held up
            h.seconds(1);
            assertEquals(org.bootctl.api.session.SessionState.RUNNING, h.state(other.id()));
        } finally {
            release.countDown();
        }
    }

    /** A latch that a waiting program does not leave when interrupted. */
    private static final class Gate extends CountDownLatch {
        Gate() {
            super(1);
        }

        void awaitUninterruptibly() {
            boolean interrupted = false;
            while (getCount() > 0) {
                try {
                    await();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Test
    void anErrorInACompileIsARefusal() {
        Harness h = new Harness(data);
        h.program(TestPrograms.program("deep", 1, 16, (garment, settings) -> {
            throw new StackOverflowError();
        }));
        h.connect(Models.RB2_L5);
        SessionException refused = assertThrows(SessionException.class, () -> h.start("deep", Harness.plain(5, 10)));
        assertEquals(SessionException.Reason.REFUSED, refused.reason());
        assertEquals("program 'deep' failed to make a plan: java.lang.StackOverflowError", refused.getMessage());
    }

    @Test
    void plansBeyondTheBoundsAreRefusedWithTheBound() {
        Harness h = new Harness(data);
        FakeBoot boot = h.connect(Models.RB2_L5);
        List<ZoneAction> vent = Collections.nCopies(5, ZoneAction.vent());
        List<ZoneAction> fill = new ArrayList<>(vent);
        fill.set(0, ZoneAction.fill(40));

        List<Step> many = Collections.nCopies(PlanValidator.MAX_STEPS + 1, new Step(vent, 10));
        assertRefused(h, new Plan("many", "1", many), "program 'many' made a plan of 1001 steps; a cycle has at most 1000");
        assertRefused(h, new Plan("long-hold", "1", List.of(new Step(fill, 3_600_001))),
                "program 'long-hold', step 1 of 1: a hold of 3600001 ms; at most 3600 s is accepted");
        assertRefused(h, new Plan("slow-fill", "1", List.of(new Step(fill, 0, 600_001))),
                "program 'slow-fill', step 1 of 1: fills may take 600001 ms; at most 600 s is accepted");
        assertRefused(h, new Plan("long-cycle", "1", List.of(new Step(fill, 0)), 7_200_000),
                "program 'long-cycle' asks for a cycle of at least 7200 s; at most 3600 s is accepted");
        assertTrue(boot.lastCommandVents(), "no air moved");

        // the bounds themselves are accepted
        List<Step> most = new ArrayList<>(Collections.nCopies(PlanValidator.MAX_STEPS - 1, new Step(vent, 10)));
        most.add(new Step(fill, 3_600_000, 600_000));
        h.program(TestPrograms.fixed(new Plan("most", "1", most, 3_600_000)));
        assertNotEquals(null, assertDoesNotThrow(h, "most"));
    }

    @Test
    void aSessionAndItsRecordNameTheProgramThatRanNotWhatItsPlanCallsItself() throws Exception {
        Harness h = new Harness(data);
        h.connect(Models.RB2_L5);
        // a plugin whose plan claims to be a built-in program, and one whose plan names nothing
        h.program(TestPrograms.program("impostor", 1, 16, (garment, settings) -> new Plan("sequential", "9.9",
                TestPrograms.sequentialPlan(garment.zones(), settings, 2000, 30_000, Step.DEFAULT_TIME_LIMIT_MS).steps())));
        h.program(TestPrograms.program("nameless", 1, 16, (garment, settings) -> new Plan(null, null,
                TestPrograms.sequentialPlan(garment.zones(), settings, 2000, 30_000, Step.DEFAULT_TIME_LIMIT_MS).steps())));

        SessionInfo impostor = h.start("impostor", Harness.plain(5, 1));
        assertEquals("impostor", impostor.programId());
        assertEquals("1.0", impostor.programVersion(), "the version its info gives");
        h.engine.stop(impostor.id());
        assertTrue(h.runUntil(() -> h.state(impostor.id()).isFinal(), 30));
        SessionInfo nameless = h.start("nameless", Harness.plain(5, 1));
        assertEquals("nameless", nameless.programId());
        h.engine.stop(nameless.id());
        assertTrue(h.runUntil(() -> h.state(nameless.id()).isFinal(), 30));

        assertEquals(List.of("nameless", "impostor"), h.engine.recent(2).stream().map(r -> r.programId()).toList(),
                "the history names the programs that ran");
        assertEquals("impostor", h.engine.preview("dev1", "impostor", Harness.plain(5, 1)).programId());
    }

    private static void assertRefused(Harness h, Plan plan, String message) {
        h.program(TestPrograms.fixed(plan));
        SessionException refused = assertThrows(SessionException.class, () -> h.start(plan.programId(), Harness.plain(5, 10)));
        assertEquals(SessionException.Reason.REFUSED, refused.reason());
        assertEquals(message, refused.getMessage());
    }

    private static Plan assertDoesNotThrow(Harness h, String programId) {
        try {
            return h.engine.preview("dev1", programId, Harness.plain(5, 10));
        } catch (SessionException e) {
            throw new AssertionError("refused: " + e.getMessage(), e);
        }
    }
}
