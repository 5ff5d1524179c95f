package org.bootctl.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.apache.felix.gogo.runtime.CommandProcessorImpl;
import org.apache.felix.gogo.runtime.threadio.ThreadIOImpl;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Job;
import org.bootctl.api.device.Models;
import org.bootctl.api.session.SessionState;
import org.bootctl.api.session.Telemetry;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code boot:watch} in a console set up as gogo.jline's sets it up: Gogo's runtime, a jline
 * terminal whose output is buffered (as the system terminal's is) and flushed by the console only
 * after a command, the terminal in the session's {@code .terminal}, and Ctrl-C interrupting the
 * foreground job. Telemetry arrives in real time, as from the engine.
 */
class WatchConsoleTest {

    private static final Duration DEADLINE = Duration.ofSeconds(10);

    private final FakeSessionService engine = new FakeSessionService();
    private final Screen screen = new Screen();
    private final ScheduledExecutorService telemetry = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService console = Executors.newSingleThreadExecutor();
    private ThreadIOImpl threadIO;
    private CommandProcessorImpl processor;
    private Terminal terminal;
    private CommandSession session;
    private BootShell shell;
    private Terminal.SignalHandler consoleCtrlC;

    @BeforeEach
    void console() throws IOException {
        engine.device("sim1", Models.RB1_L4);
        threadIO = new ThreadIOImpl();
        threadIO.start();
        processor = new CommandProcessorImpl(threadIO);
        shell = new BootShell(engine, new FakeSessionHistory(), listener -> {
            ScheduledFuture<?> frames = telemetry.scheduleAtFixedRate(() -> listener.telemetry(
                    new Telemetry("sim1", null, 0, SessionState.IDLE, 0, -1, new double[] {0.4, 0, 0, 0},
                            new double[4], null, -1)), 0, 20, TimeUnit.MILLISECONDS);
            return () -> frames.cancel(false);
        });
        for (String function : BootShellGogoTest.functions()) {
            processor.addCommand("boot", shell, function);
        }
        terminal = new DumbTerminal(new ByteArrayInputStream(new byte[0]), new BufferedOutputStream(screen, 1 << 16));
        session = processor.createSession(terminal.input(), terminal.output(), terminal.output());
        session.put(CtrlC.TERMINAL, terminal);
        consoleCtrlC = signal -> {
            Job job = session.foregroundJob();
            if (job != null) {
                job.interrupt();
            }
        };
        terminal.handle(Terminal.Signal.INT, consoleCtrlC);
    }

    @AfterEach
    void close() throws IOException {
        console.shutdownNow();
        telemetry.shutdownNow();
        session.close();
        processor.stop();
        threadIO.stop();
        terminal.close();
    }

    @Test
    void linesReachTheConsoleAsTheyComeAndCtrlCEndsTheWatchQuietly() throws Exception {
        Future<Object> watch = console.submit(() -> session.execute("boot:watch sim1"));

        screen.await(text -> text.lines().filter(line -> line.contains("IDLE")).count() >= 2,
                "two lines of the watch on the console while it runs");
        terminal.raise(Terminal.Signal.INT);
        try {
            watch.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            fail("Ctrl-C ends the watch normally, without the console printing " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            fail("Ctrl-C ends the watch");
        }
        terminal.flush(); // as the console does before its prompt
        List<String> lines = screen.text().lines().toList();
        assertEquals("stopped watching sim1", lines.get(lines.size() - 1), screen.text());
        assertFalse(screen.text().contains("Exception"), screen.text());
        assertSame(consoleCtrlC, terminal.handle(Terminal.Signal.INT, consoleCtrlC), "Ctrl-C is the console's again");

        session.execute("boot:devices");
        terminal.flush();
        assertTrue(screen.text().lines().anyMatch(line -> line.startsWith("sim1") && line.contains("RB1-L4")),
                "the console still shows what commands print:\n" + screen.text());
    }

    @Test
    void theShellStoppingEndsTheWatchAsCtrlCDoes() throws Exception {
        Future<Object> watch = console.submit(() -> session.execute("boot:watch sim1"));
        screen.await(text -> text.contains("IDLE"), "a line of the watch");

        shell.deactivate();

        watch.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        terminal.flush();
        List<String> lines = screen.text().lines().toList();
        assertEquals("stopped watching sim1", lines.get(lines.size() - 1), screen.text());
        assertSame(consoleCtrlC, terminal.handle(Terminal.Signal.INT, consoleCtrlC), "Ctrl-C is the console's again");
    }

    /** What reaches the person: bytes the terminal has flushed; waiting for them without sleeping. */
    private static final class Screen extends OutputStream {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        @Override
        public synchronized void write(int b) {
            bytes.write(b);
            notifyAll();
        }

        @Override
        public synchronized void write(byte[] b, int offset, int length) {
            bytes.write(b, offset, length);
            notifyAll();
        }

        synchronized String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }

        synchronized void await(Predicate<String> shown, String what) throws InterruptedException {
            long end = System.nanoTime() + DEADLINE.toNanos();
            while (!shown.test(text())) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    fail("no " + what + " within " + DEADLINE.toSeconds() + " s; the screen shows:\n" + text());
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }
    }
}
