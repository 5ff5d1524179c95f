package org.bootctl.shell;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import org.apache.felix.service.command.CommandSession;

/**
 * A command's output that reaches the person line by line. Gogo passes what a command prints on
 * to the console's terminal, which buffers it (jline's system terminal does) until the console
 * flushes it after the command: right for a table, useless for a live watch. Each line printed
 * here is flushed through to the console; when the output is redirected (a file, a pipe) the
 * console has nothing waiting and the flush costs nothing.
 */
final class LiveOutput extends OutputStream {

    private final PrintStream out;
    private final PrintStream console;

    private LiveOutput(PrintStream out, PrintStream console) {
        this.out = out;
        this.console = console;
    }

    /** {@code out} flushed through to the console of {@code session} at every line; {@code out} itself without a session. */
    static PrintStream of(PrintStream out, CommandSession session) {
        PrintStream console = session == null ? null : session.getConsole();
        return console == null ? out : new PrintStream(new LiveOutput(out, console), true);
    }

    @Override
    public void write(int b) {
        out.write(b);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        out.write(bytes, offset, length);
    }

    /** @throws IOException when the command's output is closed (the caller's PrintStream then reports it) */
    @Override
    public void flush() throws IOException {
        if (out.checkError()) { // flushes out, and says whether it still works
            throw new IOException("the command's output is closed");
        }
        console.flush();
    }
}
