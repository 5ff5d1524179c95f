package org.bootctl.fleet;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the broker sends, carried out on one thread of the fleet's own ("bootctl-fleet-inbox"),
 * never on Paho's callback thread nor the engine's. Bounded: at most {@link #MAX_COMMANDS}
 * commands wait (more are dropped and logged); program messages are coalesced per topic.
 */
final class Inbox {

    static final int MAX_COMMANDS = 64;
    /** After a (re)subscription, how long the broker gets to send its retained programs again. */
    static final long RESYNC_SETTLE_MS = 5_000;
    private static final System.Logger LOG = System.getLogger("org.bootctl.fleet");

    private final RemoteCommands commands;
    private final FleetPrograms programs;
    private final Outbox outbox;
    private final ScheduledExecutorService executor;
    private final AtomicInteger pendingCommands = new AtomicInteger();
    /** Program topic key ({@code site/ID} or {@code all/ID}) to its newest message, not yet applied (one too large without its bytes). */
    private final Map<String, FleetPrograms.Message> pendingPrograms = new ConcurrentHashMap<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();

    Inbox(RemoteCommands commands, FleetPrograms programs, Outbox outbox) {
        this.commands = commands;
        this.programs = programs;
        this.outbox = outbox;
        ScheduledThreadPoolExecutor e = new ScheduledThreadPoolExecutor(1, r -> {
            Thread thread = new Thread(r, "bootctl-fleet-inbox");
            thread.setDaemon(true);
            return thread;
        });
        e.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        executor = e;
    }

    void command(String verb, byte[] payload) {
        if (pendingCommands.incrementAndGet() > MAX_COMMANDS) {
            pendingCommands.decrementAndGet();
            LOG.log(Level.WARNING, "bootctl fleet: more than " + MAX_COMMANDS + " commands wait; cmd/" + verb + " dropped");
            return;
        }
        run(() -> {
            try {
                outbox.reply(commands.handle(verb, payload));
            } finally {
                pendingCommands.decrementAndGet();
            }
        });
    }

    void program(boolean siteWide, String id, byte[] payload) {
        String key = (siteWide ? "site/" : "all/") + id;
        if (pendingPrograms.size() >= FleetPrograms.MAX_PROGRAMS && !pendingPrograms.containsKey(key)) {
            LOG.log(Level.WARNING, "bootctl fleet: too many program messages at once; " + key + " dropped");
            return;
        }
        pendingPrograms.put(key, FleetPrograms.Message.of(payload));
        if (drainScheduled.compareAndSet(false, true)) {
            run(this::drainPrograms);
        }
    }

    /** The link is about to (re)subscribe: from here on every program message counts as still held. */
    void resync() {
        run(programs::beginResync);
    }

    /** The subscription stands: programs the broker did not send again within the settling time go. */
    void subscribed() {
        try {
            executor.schedule(guarded(() -> {
                drainPrograms();
                programs.endResync();
            }), RESYNC_SETTLE_MS, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopped) {
            // stopping
        }
    }

    void stop() {
        executor.shutdownNow();
    }

    private void drainPrograms() throws IOException {
        drainScheduled.set(false);
        for (String key : pendingPrograms.keySet().stream().sorted().toList()) {
            FleetPrograms.Message message = pendingPrograms.remove(key);
            if (message != null) {
                boolean siteWide = key.startsWith("site/");
                programs.received(siteWide, key.substring(key.indexOf('/') + 1), message);
            }
        }
    }

    private interface Task {
        void run() throws IOException;
    }

    private void run(Task task) {
        try {
            executor.execute(guarded(task));
        } catch (RejectedExecutionException stopped) {
            // the fleet is stopping
        }
    }

    private static Runnable guarded(Task task) {
        return () -> {
            try {
                task.run();
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.WARNING, "bootctl fleet: a message from the broker could not be handled: " + e);
            }
        };
    }
}
