package org.bootctl.api.program;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A massage program, registered as a service (whiteboard). The engine calls {@link #compile}
 * once per session, before it starts, and never again: a program bundle may go away mid-session.
 * Use {@link Settings#target(int, double)} for every target so caps and boosts hold.
 */
@ConsumerType
public interface Program {

    /** Service property naming where a program comes from: {@code built-in}, {@code file}, {@code fleet} or {@code bundle}. */
    String SOURCE = "bootctl.program.source";

    ProgramInfo info();

    /** One cycle for this garment and these settings. Must be fast and free of side effects. */
    Plan compile(Garment garment, Settings settings) throws PlanException;
}
