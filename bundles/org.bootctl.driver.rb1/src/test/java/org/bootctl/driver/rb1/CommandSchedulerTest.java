package org.bootctl.driver.rb1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** The command rules on a clock the test moves: order, pace, resends, VENT first. */
class CommandSchedulerTest {

    private static final long MS = 1_000_000L;
    private static final DeviceLine OK = new DeviceLine.Ok();

    private final CommandScheduler commands = new CommandScheduler();
    /** Far from zero: the clock may be negative or anywhere. */
    private long now = -5_000 * MS;
    private final List<String> wire = new ArrayList<>();

    private List<String> step(long millis) {
        now += millis * MS;
        List<String> lines = commands.due(now);
        wire.addAll(lines);
        commands.takeFinished().forEach(CommandScheduler.Finished::complete);
        return lines;
    }

    private void answer(DeviceLine line) {
        commands.answer(line, now);
        commands.takeFinished().forEach(CommandScheduler.Finished::complete);
    }

    @Test
    void theSameRequestWhileOneWaitsIsAnsweredByIt() {
        CompletableFuture<DeviceLine> first = commands.submitOnce("CLR");
        for (int i = 0; i < 10_000; i++) {
            assertTrue(commands.submitOnce("CLR") == first, "answered by the waiting CLR");
        }
        assertEquals(List.of("CLR"), step(0));
        CompletableFuture<DeviceLine> after = commands.submitOnce("CLR");
        assertFalse(after == first, "once sent, a new request is a new line");
        answer(OK);
        assertTrue(first.isDone());
        assertFalse(after.isDone());
        assertEquals(List.of("CLR"), step(CommandScheduler.PACE_NANOS / MS));
        assertEquals(List.of("CLR", "CLR"), wire);
    }

    @Test
    void oneCommandAtATimeAnsweredInOrderAtThePace() {
        CompletableFuture<DeviceLine> id = commands.submit("ID?");
        CompletableFuture<DeviceLine> st = commands.submit("ST?");
        assertEquals(List.of("ID?"), step(0));
        assertEquals(List.of(), step(100), "ST? waits for ID?'s answer");
        answer(new DeviceLine.Identity("RB1-L4", "E1", "1", 4, 120));
        assertTrue(id.isDone());
        assertEquals(List.of("ST?"), step(0), "the pace has passed long ago");
        answer(new DeviceLine.Status(null, new int[4], 0));
        assertTrue(st.isDone());

        commands.submit("CLR");
        assertEquals(List.of("CLR"), step(100));
        long sentAt = now;
        answer(OK);
        commands.submit("CLR");
        assertEquals(List.of(), step(CommandScheduler.PACE_NANOS / MS - 2), "answered at once, yet the pace holds");
        assertEquals(sentAt + CommandScheduler.PACE_NANOS, commands.nextDueAt(now));
        assertEquals(List.of("CLR"), step(2));
    }

    @Test
    void aMissingAnswerSendsTheSameLineAgainAndWaitsForALateFirstAnswer() {
        CompletableFuture<DeviceLine> clr = commands.submit("CLR");
        commands.submit("ST?");
        assertEquals(List.of("CLR"), step(0));
        assertEquals(List.of(), step(249));
        assertEquals(List.of("CLR"), step(1), "250 ms without an answer: the same line again");
        answer(OK); // the first copy's answer, late
        assertTrue(clr.isDone());
        assertEquals(List.of(), step(100), "the second copy's answer may still come: ST? waits");
        answer(OK); // the second copy's: stray, not taken for ST?'s
        assertEquals(1, commands.strayAnswers());
        assertEquals(List.of("ST?"), step(200));
        assertEquals(1, commands.resends());
    }

    @Test
    void errChkSendsTheSameLineAgainAtThePace() {
        CompletableFuture<DeviceLine> set = commands.submit("ALL,1,2,3,4");
        assertEquals(List.of("ALL,1,2,3,4"), step(0));
        answer(new DeviceLine.Error("CHK"));
        assertFalse(set.isDone());
        assertEquals(List.of(), step(10));
        assertEquals(List.of("ALL,1,2,3,4"), step(CommandScheduler.PACE_NANOS / MS - 10));
        answer(OK);
        assertEquals(OK, set.join());
    }

    @Test
    void ventGoesOutAtOnceAheadOfEverythingAndCallsOffSetpoints() {
        CompletableFuture<DeviceLine> first = commands.submit("ALL,50,50,50,50");
        CompletableFuture<DeviceLine> queued = commands.submit("ALL,60,60,60,60");
        CompletableFuture<DeviceLine> clr = commands.submit("CLR");
        assertEquals(List.of("ALL,50,50,50,50"), step(0));
        CompletableFuture<DeviceLine> vent = commands.vent();
        commands.takeFinished().forEach(CommandScheduler.Finished::complete);
        assertTrue(queued.isCompletedExceptionally() && first.isCompletedExceptionally(),
                "setpoints VENT overtook are called off: never sent (again)");
        assertEquals(List.of("VENT"), step(1), "at once: no pace, and the ALL outstanding does not hold it");
        assertEquals(List.of("VENT"), step(300), "unanswered: VENT goes again at once");
        answer(OK);
        assertEquals(OK, vent.join());
        assertEquals(List.of(), step(CommandScheduler.PACE_NANOS / MS), "VENT went twice: its second answer may follow");
        assertEquals(List.of("CLR"), step(CommandScheduler.SETTLE_NANOS / MS), "then other commands go on");
        answer(OK);
        assertEquals(OK, clr.join());
        assertEquals(List.of("ALL,50,50,50,50", "VENT", "VENT", "CLR"), wire, "no setpoint after VENT");
    }

    @Test
    void aCommandVentOvertakesIsSentAgainAndNotTakenForVentsAnswer() {
        CompletableFuture<DeviceLine> clr = commands.submit("CLR");
        assertEquals(List.of("CLR"), step(0));
        CompletableFuture<DeviceLine> vent = commands.vent();
        assertEquals(List.of("VENT"), step(5));
        answer(OK); // CLR's or VENT's: the device answers in order, and CLR may have been lost
        assertTrue(vent.isDone());
        assertFalse(clr.isDone(), "not trusted with an answer that may be VENT's");
        answer(OK); // VENT's, when CLR's came first: stray
        assertEquals(List.of(), step(CommandScheduler.PACE_NANOS / MS), "late answers have time to arrive");
        assertEquals(List.of("CLR"), step(CommandScheduler.SETTLE_NANOS / MS));
        answer(new DeviceLine.Error("FAULT"));
        assertEquals(new DeviceLine.Error("FAULT"), clr.join(), "CLR's own answer");
    }

    @Test
    void ventTimedOutIsSentAgainAtOnce() {
        commands.submit("ST?");
        assertEquals(List.of("ST?"), step(0));
        commands.vent();
        assertEquals(List.of("VENT"), step(1));
        List<String> again = step(250);
        assertTrue(again.contains("VENT"), "VENT again at once: " + again);
    }

    @Test
    void aVentStillUnansweredAndLastSentIsJoined() {
        CompletableFuture<DeviceLine> one = commands.vent();
        assertEquals(List.of("VENT"), step(0));
        CompletableFuture<DeviceLine> two = commands.vent();
        assertEquals(List.of(), step(1), "nothing since could undo it");
        answer(OK);
        assertTrue(one.isDone() && two.isDone());
    }

    @Test
    void aResetFailsEverything() {
        CompletableFuture<DeviceLine> a = commands.submit("ID?");
        CompletableFuture<DeviceLine> b = commands.submit("ST?");
        step(0);
        commands.failAll(new IllegalStateException("reset"));
        commands.takeFinished().forEach(CommandScheduler.Finished::complete);
        assertTrue(a.isCompletedExceptionally() && b.isCompletedExceptionally());
        assertTrue(commands.idle());
    }

    @Test
    void aLineNeverAnsweredIsSentAtMostMaxSendsTimesThenFails() {
        CompletableFuture<DeviceLine> st = commands.submit("ST?");
        commands.submit("CLR");
        for (int i = 0; i < 20; i++) {
            step(CommandScheduler.ANSWER_TIMEOUT_NANOS / MS);
        }
        long sent = wire.stream().filter("ST?"::equals).count();
        assertEquals(CommandScheduler.MAX_SENDS, sent, "sent " + sent + " times: " + wire);
        assertTrue(st.isCompletedExceptionally());
        Throwable why = assertThrows(CompletionException.class, st::join).getCause();
        assertTrue(why instanceof CommandScheduler.Unanswered && why.getMessage().contains("no answer to ST?"), why.toString());
        assertEquals(why, commands.unanswered(), "the owner learns the unit takes no commands");
    }

    @Test
    void errChkAgainAndAgainFailsTooNamingIt() {
        CompletableFuture<DeviceLine> clr = commands.submit("CLR");
        for (int i = 0; i < CommandScheduler.MAX_SENDS; i++) {
            assertEquals(List.of("CLR"), step(CommandScheduler.PACE_NANOS / MS));
            answer(new DeviceLine.Error("CHK"));
        }
        assertTrue(clr.isCompletedExceptionally());
        assertTrue(commands.unanswered().getMessage().contains("ERR,CHK " + CommandScheduler.MAX_SENDS + " times"),
                commands.unanswered().getMessage());
    }

    @Test
    void anAnsweredResendClearsNothingToWorryAbout() {
        commands.submit("ST?");
        step(0);
        step(CommandScheduler.ANSWER_TIMEOUT_NANOS / MS);
        answer(new DeviceLine.Status(null, new int[4], 0));
        assertNull(commands.unanswered(), "answered on its second send: the unit takes commands");
    }

    @Test
    void anAnswerOfTheWrongKindIsStray() {
        CompletableFuture<DeviceLine> id = commands.submit("ID?");
        step(0);
        answer(OK);
        assertFalse(id.isDone());
        assertEquals(1, commands.strayAnswers());
        answer(new DeviceLine.Error("CMD"));
        assertTrue(id.isDone(), "an error answers any command");
    }
}
