package org.bootctl.launcher.commands;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C and SIGTERM while a headless session runs: the first one stops the session (which
 * vents) and lets the command end as a stopped session does, with its summary and exit code 1;
 * the JVM's own handling (stop at once) is back for a second signal. Without it a signal would
 * end the JVM before the summary is printed. A signal the JVM does not handle (a background
 * child of sh has SIGINT ignored) is left alone. Also {@code bootctl emulate}'s: it stops the
 * emulator and ends with exit code 0, as its help says.
 */
public final class SignalStop implements AutoCloseable {

    private static final List<String> SIGNALS = List.of("INT", "TERM", "HUP");

    private final List<Signal> signals = new ArrayList<>();
    private final List<SignalHandler> before = new ArrayList<>();
    private final AtomicBoolean requested = new AtomicBoolean();

    /** @param stop what the first signal does, on the signal's own thread */
    public SignalStop(Runnable stop) {
        for (String name : SIGNALS) {
            Signal signal = new Signal(name);
            try {
                SignalHandler previous = Signal.handle(signal, s -> {
                    if (requested.compareAndSet(false, true)) {
                        stop.run();
                    } else {
                        close();
                        Signal.raise(s);
                    }
                });
                signals.add(signal);
                before.add(previous);
            } catch (IllegalArgumentException notHandled) {
                // ignored by whoever started us, or not on this platform
            }
        }
    }

    /** Whether a signal asked the session to stop. */
    public boolean requested() {
        return requested.get();
    }

    @Override
    public synchronized void close() {
        for (int i = 0; i < signals.size(); i++) {
            try {
                Signal.handle(signals.get(i), before.get(i));
            } catch (IllegalArgumentException gone) {
                // nothing to give back
            }
        }
        signals.clear();
        before.clear();
    }
}
