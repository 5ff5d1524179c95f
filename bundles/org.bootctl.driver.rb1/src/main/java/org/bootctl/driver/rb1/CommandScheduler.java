package org.bootctl.driver.rb1;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;

/**
 * Decides which command line goes out when, by the RB1 rules: one command outstanding at a time,
 * answers matched in order, a line with no answer after 250 ms (or answered {@code ERR,CHK}) sent
 * again, never two lines within the device's 50 ms pace — except {@code VENT}, which goes out at
 * once, ahead of anything outstanding, and supersedes every setpoint command not yet answered.
 *
 * <p>A line is sent {@value #MAX_SENDS} times at most: then the command fails with
 * {@link Unanswered}, and the owner treats the unit as not taking commands (a unit that streams
 * but never answers is not written to forever, with every later command waiting behind it).
 *
 * <p>Pure logic on a caller-given clock, not thread-safe: the owner holds a lock around it. It
 * never completes a future itself; finished commands are handed out by {@link #takeFinished()}
 * so the owner can complete them outside its lock.
 */
final class CommandScheduler {

    static final long ANSWER_TIMEOUT_NANOS = 250_000_000L;
    /**
     * The device handles one line per 50 ms; the margin is for the way there: a line held up on
     * its way (a busy USB stack, a descheduled relay) arrives that much closer to the next one.
     * Commands are few (setpoint changes, a keep-alive, a clear), so the margin costs nothing.
     */
    static final long PACE_NANOS = 75_000_000L;
    /**
     * After a line was sent twice, its first copy may still be answered late: no other command
     * goes out until that answer has had time to arrive, so it cannot be taken for the next one's.
     */
    static final long SETTLE_NANOS = 250_000_000L;
    static final String VENT = "VENT";
    /** How often one line is sent before its command fails: about a second of no answer, half the device's watchdog. */
    static final int MAX_SENDS = 4;

    /** A command sent {@value #MAX_SENDS} times without an answer it could use. */
    static final class Unanswered extends Exception {
        private static final long serialVersionUID = 1L;
        private final String line;

        Unanswered(String line, int sends, boolean garbled) {
            super(garbled ? line + " answered ERR,CHK " + sends + " times: the unit receives it garbled"
                    : "no answer to " + line + " sent " + sends + " times, "
                    + ANSWER_TIMEOUT_NANOS / 1_000_000 + " ms apart", null, false, false);
            this.line = line;
        }

        String line() {
            return line;
        }
    }

    /** One command line and the answer it waits for. */
    static final class Command {
        final String line;
        final CompletableFuture<DeviceLine> answer = new CompletableFuture<>();
        long sentAt;
        int sends;
        /** Sent more than once, or overtaken: an answer to an earlier copy may still come. */
        boolean timedOut;

        Command(String line) {
            this.line = line;
        }

        boolean isVent() {
            return line.equals(VENT);
        }

        boolean setsPressure() {
            return line.startsWith("ALL,") || line.startsWith("SET,");
        }

        /** Whether {@code answer} can be this command's answer (a stray answer of another kind cannot). */
        boolean accepts(DeviceLine answer) {
            if (answer instanceof DeviceLine.Error) {
                return true;
            }
            return switch (line) {
                case "ID?" -> answer instanceof DeviceLine.Identity;
                case "ST?" -> answer instanceof DeviceLine.Status;
                case "P?" -> answer instanceof DeviceLine.Pressures;
                default -> answer instanceof DeviceLine.Ok;
            };
        }
    }

    /** A command and how it ended: with an answer, or with {@code failure}. */
    record Finished(Command command, DeviceLine answer, Throwable failure) {
        void complete() {
            if (failure != null) {
                command.answer.completeExceptionally(failure);
            } else {
                command.answer.complete(answer);
            }
        }
    }

    private final ArrayDeque<Command> waiting = new ArrayDeque<>();
    private final ArrayDeque<Command> inFlight = new ArrayDeque<>();
    private Command ventToSend;
    private final List<Finished> finished = new ArrayList<>();
    private final List<Command> lastBatch = new ArrayList<>(2);
    private long lastSentAt;
    private boolean anySent;
    private boolean quiet;
    private long quietUntil;
    private long resends;
    private long strayAnswers;
    private Unanswered unanswered;

    /** Queues a command line; its future completes with the device's answer (an ERR included). */
    CompletableFuture<DeviceLine> submit(String line) {
        Command command = new Command(line);
        waiting.addLast(command);
        return command.answer;
    }

    /**
     * Like {@link #submit}, but a copy of {@code line} still waiting to be sent answers this request
     * too: a flood of the same request while the port is stalled waits as one line.
     */
    CompletableFuture<DeviceLine> submitOnce(String line) {
        for (Command command : waiting) {
            if (command.line.equals(line) && command.sends == 0) {
                return command.answer;
            }
        }
        return submit(line);
    }

    /**
     * Queues VENT ahead of everything, and calls off every setpoint command it overtakes. A VENT
     * still unanswered joins the request when it was the last line sent: nothing since can undo it.
     *
     * <p>A command VENT overtakes while it waits for its answer is sent again after VENT: the
     * first answer to come could be either one's, so neither is trusted with it alone.
     */
    CompletableFuture<DeviceLine> vent() {
        Command last = inFlight.peekLast();
        if (ventToSend == null && last != null && last.isVent() && last.sentAt == lastSentAt) {
            return last.answer;
        }
        if (ventToSend == null) {
            ventToSend = new Command(VENT);
        }
        for (Iterator<Command> it = waiting.iterator(); it.hasNext(); ) {
            Command command = it.next();
            if (command.setsPressure()) {
                it.remove();
                finished.add(new Finished(command, null, new CancellationException("overtaken by VENT")));
            }
        }
        for (Iterator<Command> it = inFlight.iterator(); it.hasNext(); ) {
            Command command = it.next();
            if (!command.isVent()) {
                it.remove();
                ventToSend.timedOut = true; // its answer may be the overtaken command's
                if (command.setsPressure()) {
                    finished.add(new Finished(command, null, new CancellationException("overtaken by VENT")));
                } else {
                    command.timedOut = true;
                    waiting.addFirst(command);
                }
            }
        }
        return ventToSend.answer;
    }

    /** The lines to write now, in order; each is taken as sent at {@code now}. */
    List<String> due(long now) {
        lastBatch.clear();
        List<String> lines = new ArrayList<>(2);
        for (Iterator<Command> it = inFlight.iterator(); it.hasNext(); ) {
            Command command = it.next();
            if (now - command.sentAt >= ANSWER_TIMEOUT_NANOS) {
                it.remove();
                command.timedOut = true;
                sendAgain(command, false, now);
            }
        }
        if (ventToSend != null) {
            lines.add(send(ventToSend, now));
            ventToSend = null;
        }
        if (mayPace(now)) {
            lines.add(send(waiting.pollFirst(), now));
        }
        return lines;
    }

    /**
     * The lines of the last {@link #due} were written at {@code nanos}: the pace and the answer
     * timeout count from when a line really went out, not from when it was chosen.
     */
    void written(long nanos) {
        for (Command command : lastBatch) {
            command.sentAt = nanos;
            lastSentAt = nanos;
        }
        lastBatch.clear();
    }

    /** When {@link #due} has something to do next; {@code Long.MAX_VALUE} when nothing waits. */
    long nextDueAt(long now) {
        if (ventToSend != null) {
            return now;
        }
        long next = Long.MAX_VALUE;
        for (Command command : inFlight) {
            next = Math.min(next, command.sentAt + ANSWER_TIMEOUT_NANOS);
        }
        if (!waiting.isEmpty() && !commandInFlight()) {
            next = Math.min(next, paceAllows());
        }
        return next;
    }

    /** Matches an answer to the oldest command in flight. */
    void answer(DeviceLine answer, long now) {
        Command head = inFlight.peekFirst();
        if (head == null || !head.accepts(answer)) {
            strayAnswers++; // a late copy's answer after a resend, or noise that parsed
            return;
        }
        inFlight.pollFirst();
        if (answer instanceof DeviceLine.Error error && error.is("CHK")) {
            sendAgain(head, true, now);
            return;
        }
        if (head.timedOut) {
            quiet = true;
            quietUntil = now + SETTLE_NANOS;
        }
        finished.add(new Finished(head, answer, null));
    }

    /** Fails every command: the device reset or went away, so no answer will come. */
    void failAll(Throwable why) {
        for (ArrayDeque<Command> queue : List.of(waiting, inFlight)) {
            queue.forEach(command -> finished.add(new Finished(command, null, why)));
            queue.clear();
        }
        if (ventToSend != null) {
            finished.add(new Finished(ventToSend, null, why));
            ventToSend = null;
        }
    }

    /** Commands that ended since the last call, for the owner to complete outside its lock. */
    List<Finished> takeFinished() {
        if (finished.isEmpty()) {
            return List.of();
        }
        List<Finished> taken = List.copyOf(finished);
        finished.clear();
        return taken;
    }

    /** Nothing queued, nothing in flight. */
    boolean idle() {
        return waiting.isEmpty() && inFlight.isEmpty() && ventToSend == null;
    }

    /** A setpoint command is queued or not yet answered. */
    boolean settingPressure() {
        return waiting.stream().anyMatch(Command::setsPressure)
                || inFlight.stream().anyMatch(Command::setsPressure);
    }

    /** Nanoseconds since the last line went out; {@code Long.MAX_VALUE} before the first. */
    long sinceLastSent(long now) {
        return anySent ? now - lastSentAt : Long.MAX_VALUE;
    }

    long resends() {
        return resends;
    }

    long strayAnswers() {
        return strayAnswers;
    }

    /** The first command that failed for want of an answer, or null: the unit does not take commands. */
    Unanswered unanswered() {
        return unanswered;
    }

    private void sendAgain(Command command, boolean garbled, long now) {
        if (command.sends >= MAX_SENDS) {
            Unanswered failure = new Unanswered(command.line, command.sends, garbled);
            if (unanswered == null) {
                unanswered = failure;
            }
            finished.add(new Finished(command, null, failure));
            quiet = true; // an answer to one of its copies may still come: not to be taken for the next command's
            quietUntil = now + SETTLE_NANOS;
            return;
        }
        if (command.isVent()) {
            if (ventToSend == null) {
                ventToSend = command;
            } else {
                finished.add(new Finished(command, null, new CancellationException("VENT sent again")));
            }
        } else {
            waiting.addFirst(command); // the same line again, next, at the pace
        }
    }

    private boolean mayPace(long now) {
        return !waiting.isEmpty() && !commandInFlight() && now >= paceAllows();
    }

    /** The earliest time the next command may go out (clock values may be negative). */
    private long paceAllows() {
        if (anySent && quiet) {
            return Math.max(lastSentAt + PACE_NANOS, quietUntil);
        }
        if (anySent) {
            return lastSentAt + PACE_NANOS;
        }
        return quiet ? quietUntil : Long.MIN_VALUE;
    }

    /** A command other than VENT is outstanding: the next one waits for its answer. */
    private boolean commandInFlight() {
        return inFlight.stream().anyMatch(c -> !c.isVent());
    }

    private String send(Command command, long now) {
        if (command.sends > 0) {
            resends++;
        }
        command.sends++;
        command.sentAt = now;
        lastSentAt = now;
        anySent = true;
        inFlight.addLast(command);
        lastBatch.add(command);
        return command.line;
    }
}
