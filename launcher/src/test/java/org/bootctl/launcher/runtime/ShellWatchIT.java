package org.bootctl.launcher.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.bootctl.api.session.SessionService;
import org.bootctl.launcher.Distribution;
import org.bootctl.launcher.feature.Feature;
import org.bootctl.launcher.feature.FeatureBundle;
import org.bootctl.launcher.feature.FeatureReader;
import org.bootctl.launcher.testing.TestDistribution;
import org.bootctl.testing.Waits;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;

/**
 * {@code boot:watch} in the simulator feature as {@code bootctl run --shell} runs it: the real
 * shell bundle, resolved before the console's jline bundle joins (as the console's bundles join
 * after the ready line), and a Gogo session set up as gogo.jline sets one up: a jline terminal
 * whose output is buffered and flushed by the console only after a command, kept in the session's
 * {@code .terminal}, with Ctrl-C interrupting the foreground job. gogo.jline itself stays out (it
 * would read this process's stdin). Gogo's and jline's types are reached by reflection.
 */
@Tag("realtime")
class ShellWatchIT {

    static final Duration DEADLINE = Duration.ofSeconds(20);
    static final String DEVICE = "sim-1";

    @TempDir
    static Path data;
    static OsgiRuntime runtime;
    static Bundle jline;

    @BeforeAll
    static void start() throws Exception {
        Distribution distribution = TestDistribution.real();
        Feature feature = FeatureReader.read(distribution.features().resolve("simulator.json"),
                Map.of("http-port", "0"));
        runtime = OsgiRuntime.start(feature, distribution, data, false);
        assertEquals(List.of(), runtime.health().await(DEADLINE));
        List<FeatureBundle> terminal = feature.consoleBundles().stream()
                .filter(b -> b.artifactId().equals("jline")).toList();
        jline = FeatureInstaller.install(feature, FeatureInstaller.locate(feature, terminal, distribution),
                runtime.context()).get(0);
        jline.start();
        awaitDevice();
    }

    @AfterAll
    static void stop() {
        if (runtime != null) {
            runtime.close();
        }
    }

    /** The simulated device registers a moment after its component activates. */
    private static void awaitDevice() {
        ServiceReference<SessionService> reference = runtime.context().getServiceReference(SessionService.class);
        assertTrue(reference != null, "the engine's SessionService is up");
        SessionService sessions = runtime.context().getService(reference);
        try {
            Waits.until(DEVICE + " connected", DEADLINE, () -> sessions.device(DEVICE).isPresent());
        } finally {
            runtime.context().ungetService(reference);
        }
    }

    @Test
    void linesReachTheConsoleAsTheyComeAndCtrlCEndsTheWatchQuietly() throws Exception {
        ServiceReference<?> reference = runtime.context().getServiceReference(ShellCommandsIT.PROCESSOR);
        assertTrue(reference != null, "Gogo's CommandProcessor is a service");
        Bundle gogo = reference.getBundle();
        Class<?> processorType = gogo.loadClass(ShellCommandsIT.PROCESSOR);
        Class<?> sessionType = gogo.loadClass(ShellCommandsIT.SESSION);
        Class<?> jobType = gogo.loadClass("org.apache.felix.service.command.Job");
        Class<?> terminalType = jline.loadClass("org.jline.terminal.Terminal");
        Class<?> signalType = jline.loadClass("org.jline.terminal.Terminal$Signal");
        Class<?> handlerType = jline.loadClass("org.jline.terminal.Terminal$SignalHandler");
        Object ctrlC = signalType.getField("INT").get(null);
        Method handle = terminalType.getMethod("handle", signalType, handlerType);
        Method flush = terminalType.getMethod("flush");

        Screen screen = new Screen();
        Object terminal = jline.loadClass("org.jline.terminal.impl.DumbTerminal")
                .getConstructor(InputStream.class, OutputStream.class)
                .newInstance(new ByteArrayInputStream(new byte[0]), new BufferedOutputStream(screen, 1 << 16));
        Object output = terminalType.getMethod("output").invoke(terminal);
        Object session = processorType.getMethod("createSession", InputStream.class, OutputStream.class,
                OutputStream.class).invoke(runtime.context().getService(reference),
                terminalType.getMethod("input").invoke(terminal), output, output);
        sessionType.getMethod("put", String.class, Object.class).invoke(session, ".terminal", terminal);
        Object consoleCtrlC = Proxy.newProxyInstance(handlerType.getClassLoader(), new Class<?>[] {handlerType},
                (proxy, method, args) -> switch (method.getName()) {
                    case "handle" -> {
                        Object job = sessionType.getMethod("foregroundJob").invoke(session);
                        if (job != null) {
                            jobType.getMethod("interrupt").invoke(job);
                        }
                        yield null;
                    }
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> "the console's Ctrl-C";
                });
        handle.invoke(terminal, ctrlC, consoleCtrlC);

        ExecutorService console = Executors.newSingleThreadExecutor();
        try {
            Future<?> watch = console.submit(() -> {
                sessionType.getMethod("execute", CharSequence.class).invoke(session, "boot:watch " + DEVICE);
                return null;
            });
            screen.await(text -> text.lines().dropWhile(line -> !line.contains("TIME  STATE")).count() >= 3,
                    "two lines of the watch on the console while it runs");
            terminalType.getMethod("raise", signalType).invoke(terminal, ctrlC);
            try {
                watch.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause() instanceof InvocationTargetException t ? t.getCause() : e.getCause();
                fail("Ctrl-C ends the watch normally, without the console printing " + cause, cause);
            } catch (TimeoutException e) {
                fail("Ctrl-C ends the watch");
            }
        } finally {
            console.shutdownNow();
        }
        flush.invoke(terminal); // as the console does before its prompt
        List<String> lines = screen.text().lines().toList();
        assertEquals("stopped watching " + DEVICE, lines.get(lines.size() - 1), screen.text());
        assertFalse(screen.text().contains("Exception"), screen.text());
        assertSame(consoleCtrlC, handle.invoke(terminal, ctrlC, consoleCtrlC), "Ctrl-C is the console's again");

        sessionType.getMethod("close").invoke(session);
        terminalType.getMethod("close").invoke(terminal);
        runtime.context().ungetService(reference);
    }

    /** What reaches the person: the bytes the terminal has flushed. */
    private static final class Screen extends ByteArrayOutputStream {

        synchronized String text() {
            return toString(StandardCharsets.UTF_8);
        }

        void await(Predicate<String> shown, String what) {
            Waits.until(() -> what + "; the screen shows:\n" + text(), DEADLINE, () -> shown.test(text()));
        }
    }
}
