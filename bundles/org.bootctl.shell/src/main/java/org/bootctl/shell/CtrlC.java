package org.bootctl.shell;

import org.apache.felix.service.command.CommandSession;
import org.jline.terminal.Terminal;

/**
 * Ctrl-C in the interactive console, taken over while a command runs that ends on it. Gogo's
 * console answers Ctrl-C by interrupting the command's job, which then ends in an
 * InterruptedException that the console prints; a command that takes Ctrl-C itself ends normally
 * and quietly, and gives the key back when it ends. Without a jline console (another shell, a
 * test) nothing is taken, and Gogo's interrupt still ends the command.
 */
final class CtrlC implements AutoCloseable {

    /** The session variable where the jline console keeps its terminal. */
    static final String TERMINAL = ".terminal";

    private static final CtrlC NOT_TAKEN = new CtrlC(() -> { });

    private final Runnable giveBack;

    private CtrlC(Runnable giveBack) {
        this.giveBack = giveBack;
    }

    /** Until {@link #close}, Ctrl-C in the console of {@code session} runs {@code onCtrlC} (on a signal thread). */
    static CtrlC take(CommandSession session, Runnable onCtrlC) {
        Object terminal = session == null ? null : session.get(TERMINAL);
        if (terminal == null) {
            return NOT_TAKEN;
        }
        try {
            return new CtrlC(Jline.take(terminal, onCtrlC));
        } catch (LinkageError | ClassCastException noJline) {
            return NOT_TAKEN; // jline (a dynamic import) is not there for this bundle
        }
    }

    @Override
    public void close() {
        giveBack.run();
    }

    /** The only code that uses jline: loaded when a jline console is there, never otherwise. */
    private static final class Jline {
        static Runnable take(Object console, Runnable onCtrlC) {
            Terminal terminal = (Terminal) console;
            Terminal.SignalHandler previous = terminal.handle(Terminal.Signal.INT, signal -> onCtrlC.run());
            return () -> terminal.handle(Terminal.Signal.INT, previous);
        }
    }
}
