package org.bootctl.engine.loop;

/** A request checked on a caller's thread and carried out at the start of the device's next tick. */
public sealed interface Request {

    SessionRun run();

    record Start(SessionRun run) implements Request {
    }

    record Pause(SessionRun run) implements Request {
    }

    record Resume(SessionRun run) implements Request {
    }

    record Stop(SessionRun run) implements Request {
    }
}
