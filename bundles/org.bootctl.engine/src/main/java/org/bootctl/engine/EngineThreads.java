package org.bootctl.engine;

import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.bootctl.engine.dispatch.ListenerDispatcher;
import org.bootctl.engine.record.Recorder;
import org.osgi.framework.BundleContext;

/** The threads the engine owns in a framework: the recorder's and the listeners'; stopped after the shutdown. */
final class EngineThreads {

    static final long DRAIN_MILLIS = 3000;
    /** Framework property: "false" when this process does not hold the data folder's lock. */
    static final String DATA_OWNER = "bootctl.data.owner";

    private final ExecutorService recorderThread = Executors.newSingleThreadExecutor(named("bootctl-recorder"));
    final ListenerDispatcher dispatcher = new ListenerDispatcher(
            Executors.newCachedThreadPool(named("bootctl-session-events")), named("bootctl-telemetry"));

    /** The recorder on the framework's data folder ({@code bootctl.data}, else ./data). */
    Recorder recorder(BundleContext context) {
        String data = context.getProperty("bootctl.data");
        Path dataDir = Path.of(data == null || data.isBlank() ? "data" : data).toAbsolutePath();
        // "false" from a launcher command that runs no sessions beside a controller that may (OPERATIONS.md)
        boolean ownsData = !"false".equals(context.getProperty(DATA_OWNER));
        return new Recorder(dataDir, recorderThread, ownsData);
    }

    /** The recorder's queue drained (at most {@value #DRAIN_MILLIS} ms), the listeners' threads ended. */
    void close() {
        recorderThread.shutdown();
        try {
            recorderThread.awaitTermination(DRAIN_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        dispatcher.close(500);
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
