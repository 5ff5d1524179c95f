package org.bootctl.fleet;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.bootctl.api.device.DeviceText;

/**
 * What the broker sends, carried out on one thread of the fleet's own ("bootctl-fleet-inbox"),
 * never on the engine's. Bounded: at most {@link #MAX_COMMANDS} commands wait (more are refused,
 * answered 503 and audited); program messages are coalesced per topic. An estop takes no place
 * in that queue: it is handed on arrival to a thread of its own ("bootctl-fleet-estop"), so it
 * never waits behind a rollout or other commands; and a command that arrived before it and had not
 * started yet is not carried out after it (answered 409). Never on Paho's callback thread: the
 * engine's estop may wait on a driver (up to 500 ms for the stop of all, for ever for a driver
 * whose vent-all alone hangs, docs/SAFETY.md), and a held callback thread would cut the unit's
 * whole link: no more commands, acknowledgements nor pings. At most {@link #MAX_ESTOPS} estops wait
 * behind one under way; more are answered 503 and audited. A command that came after an estop is
 * carried out only once that estop was (refused 503 when it was not within {@link #ESTOP_WAIT_MS}).
 */
final class Inbox {

    static final int MAX_COMMANDS = 64;
    /** Estops that may wait behind one the engine has not finished (only a hung driver holds one long). */
    static final int MAX_ESTOPS = 64;
    /** How long a command that came after an estop waits for it to be carried out before it is refused. */
    static final long ESTOP_WAIT_MS = 5_000;
    /** After a (re)subscription, how long the broker gets to send its retained programs again. */
    static final long RESYNC_SETTLE_MS = 5_000;
    private static final System.Logger LOG = System.getLogger("org.bootctl.fleet");

    private final RemoteCommands commands;
    private final FleetPrograms programs;
    private final Outbox outbox;
    private final ScheduledExecutorService executor;
    private final ThreadPoolExecutor estopExecutor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(MAX_ESTOPS), r -> {
                Thread thread = new Thread(r, "bootctl-fleet-estop");
                thread.setDaemon(true);
                return thread;
            });
    private final AtomicInteger pendingCommands = new AtomicInteger();
    /** How many estops arrived: a waiting command that sees it changed was overtaken by one. */
    private final AtomicLong estops = new AtomicLong();
    /** How many estops were carried out (or refused), in the order they came; its own monitor. */
    private final long[] estopsDone = new long[1];
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

    /** A command as it arrives (Paho's callback thread). */
    void command(String verb, byte[] payload) {
        if (verb.equals("estop")) {
            estops.incrementAndGet(); // first: no command that came before it may start after it
            try {
                estopExecutor.execute(() -> {
                    try {
                        answer(() -> commands.handle(verb, payload));
                    } finally {
                        estopDone();
                    }
                });
            } catch (RejectedExecutionException full) {
                estopDone();
                if (!estopExecutor.isShutdown()) {
                    LOG.log(Level.ERROR, "bootctl fleet: " + MAX_ESTOPS + " estops wait for one the engine has not"
                            + " finished (a driver that does not return from its vent-all); this one is refused (503,"
                            + " audited): stop the units on site");
                    answer(() -> commands.refuse(verb, payload, 503, MAX_ESTOPS + " emergency stops wait on this unit for"
                            + " one its engine has not finished (a driver that does not return): stop its devices on site"));
                }
            }
            return;
        }
        if (pendingCommands.incrementAndGet() > MAX_COMMANDS) {
            pendingCommands.decrementAndGet();
            LOG.log(Level.WARNING, "bootctl fleet: more than " + MAX_COMMANDS + " commands wait; cmd/" + DeviceText.clean(verb)
                    + " is refused (503, audited): send fewer commands at once, or send it again later");
            answer(() -> commands.refuse(verb, payload, 503, "more than " + MAX_COMMANDS
                    + " commands wait on this unit; this one is not carried out: send it again later"));
            return;
        }
        long estopsBefore = estops.get();
        try {
            executor.execute(() -> {
                try {
                    boolean stopsBeforeDone = estopsCarriedOut(estopsBefore);
                    answer(() -> estops.get() != estopsBefore
                            ? commands.refuse(verb, payload, 409, "an emergency stop arrived after this command and before"
                                    + " it was carried out, so it is not: send it again if it is still wanted")
                            : !stopsBeforeDone
                            ? commands.refuse(verb, payload, 503, "an emergency stop that arrived before this command has"
                                    + " not been carried out within " + ESTOP_WAIT_MS + " ms (a driver that does not return),"
                                    + " so it is not: stop the unit's devices on site")
                            : commands.handle(verb, payload));
                } finally {
                    pendingCommands.decrementAndGet();
                }
            });
        } catch (RejectedExecutionException stopped) {
            pendingCommands.decrementAndGet(); // the fleet is stopping
        }
    }

    private void estopDone() {
        synchronized (estopsDone) {
            estopsDone[0]++;
            estopsDone.notifyAll();
        }
    }

    /**
     * Waits (inbox thread) until the first {@code arrived} estops have been carried out, at most
     * {@link #ESTOP_WAIT_MS}: a command that came after an estop is never carried out before it.
     *
     * @return false when they have not been within that time
     */
    private boolean estopsCarriedOut(long arrived) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ESTOP_WAIT_MS);
        synchronized (estopsDone) {
            try {
                for (long left; estopsDone[0] < arrived; ) {
                    left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    TimeUnit.NANOSECONDS.timedWait(estopsDone, left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // the fleet stops
                return false;
            }
            return true;
        }
    }

    /** A retained command (Paho's callback thread): never carried out (it would run again on every reconnect), but answered and audited. */
    void retainedCommand(String verb, byte[] payload) {
        LOG.log(Level.WARNING, "bootctl fleet: a retained command cmd/" + DeviceText.clean(verb) + " is refused (audited): commands are"
                + " never retained; clear it on the broker with an empty retained message on its topic");
        answer(() -> commands.refuse(verb, payload, 400, "a retained command is never carried out (it would run again"
                + " on every reconnect): publish commands without the retain flag"));
    }

    private void answer(Supplier<RemoteCommands.Reply> handling) {
        try {
            outbox.reply(handling.get());
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "bootctl fleet: a command from the broker could not be answered: " + e, e);
        }
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
        estopExecutor.shutdownNow();
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
