package org.bootctl.api.program;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A massage program, registered as a service (whiteboard). The engine calls {@link #compile}
 * once per session, before it starts, and never again: a program bundle may go away mid-session.
 * Use {@link Settings#target(int, double)} for every target so caps and boosts hold.
 *
 * <p><b>Who implements it:</b> program bundles (and bootctl's own built-in and JSON programs).
 * <b>Threads and bounds:</b> the engine calls {@link #info()} and {@link #compile} on a thread of
 * its own, never on a request's or a device loop's, and waits 2 s at most: a program that has not
 * made its plan by then is refused, its compile keeps its thread (it is interrupted: heed it), and
 * every other start of that program is refused until it ends. Anything either method throws, an
 * {@code Error} too, refuses the start. Both may be called again (a preview, the next session, a
 * plot), so keep no state between calls. docs/PROGRAM-BUNDLES.md tells how to write one.
 */
@ConsumerType
public interface Program {

    /**
     * Service property naming where a program comes from: {@code built-in}, {@code file},
     * {@code fleet} or {@code bundle}. Optional for a program bundle (it is listed as
     * {@code bundle} either way).
     */
    String SOURCE = "bootctl.program.source";

    /**
     * What a person reads about the program before choosing it. The same on every call.
     *
     * @return the program's description, never null (a null refuses every start)
     */
    ProgramInfo info();

    /**
     * One cycle for this garment and these settings. Must be fast (well under 2 s) and free of side
     * effects: no I/O, no threads, nothing kept.
     *
     * @param garment  the device's zones and hard limit, not null
     * @param settings what the person chose, not null; every target goes through
     *                 {@link Settings#target(int, double)}. Ramp-in and the fit check are the
     *                 engine's, not the program's
     * @return the plan, never null (null refuses the start); the engine checks it against the
     *         bounds listed on {@link Plan}
     * @throws PlanException when the program cannot serve this garment or these settings: the start
     *                       is refused with its message
     */
    Plan compile(Garment garment, Settings settings) throws PlanException;
}
