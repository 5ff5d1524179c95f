package org.bootctl.launcher.commands;

import java.io.PrintStream;
import java.util.function.LongSupplier;

/**
 * One live status line. On a terminal it is rewritten in place; otherwise (a log, a pipe) a
 * plain line is written when something important changes, and at most every few seconds else.
 */
final class ProgressLine {

    static final long PLAIN_INTERVAL_NANOS = 5_000_000_000L;

    private final PrintStream out;
    private final boolean terminal;
    private final LongSupplier wallNanos;
    private int shownLength;
    private boolean shown;
    private long lastPlainNanos;

    ProgressLine(PrintStream out, boolean terminal, LongSupplier wallNanos) {
        this.out = out;
        this.terminal = terminal;
        this.wallNanos = wallNanos;
    }

    /** @param important a change worth a plain line of its own (a new state) */
    void show(String text, boolean important) {
        if (terminal) {
            out.print("\r" + text + " ".repeat(Math.max(0, shownLength - text.length())));
            out.flush();
            shownLength = text.length();
            shown = true;
            return;
        }
        long now = wallNanos.getAsLong();
        if (important || !shown || now - lastPlainNanos >= PLAIN_INTERVAL_NANOS) {
            out.println(text);
            lastPlainNanos = now;
            shown = true;
        }
    }

    /** Ends the live line so what follows starts on a line of its own. */
    void end() {
        if (terminal && shown) {
            out.println();
        }
        shown = false;
        shownLength = 0;
    }
}
