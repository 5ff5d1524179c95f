package org.bootctl.tools.bench;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bootctl.api.program.Settings;
import org.bootctl.api.session.SessionException;
import org.bootctl.api.session.SessionInfo;
import org.bootctl.api.session.SessionService;
import org.bootctl.api.session.SessionState;
import org.bootctl.launcher.cli.CommandException;
import org.bootctl.launcher.cli.Invocation;
import org.bootctl.launcher.feature.Feature;
import org.bootctl.launcher.runtime.WebWarmup;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/**
 * The emergency stop under a hostile client's load (issue 12): the feature as {@code bootctl run}
 * starts it, on a free loopback port, a session running in real time; then
 * {@link AdversarialWebLoad} opens {@value #UPLOADS} stalled uploads and {@value #STREAMS} event
 * streams and sends {@value #PER_SECOND} requests a second, all from this machine's one address,
 * and meanwhile emergency stops are sent one at a time, every {@value #SPACING_MS} ms from
 * {@value #FIRST_STOP_MS} ms after the load began (so the first ones meet the load's first burst
 * while it ramps up), each timed from the request to the status line. The stops are not judged
 * here beyond being answered: the figures go to docs/RELIABILITY.md (target: each answered within
 * 1 s).
 */
final class ReliabilityBench {

    static final int UPLOADS = 500;
    static final int STREAMS = 500;
    static final int PER_SECOND = 1000;
    static final String DEVICE = "rel-1";
    static final double ESTOP_TARGET_MS = 1000;
    /** The first stop goes this long after the load began: amid its first burst of connections. */
    static final long FIRST_STOP_MS = 100;
    static final long SPACING_MS = 250;
    /** The load's first seconds: its burst of connections, the server's threads and heap growing, code not yet compiled. */
    static final long RAMP_MS = 2000;
    private static final int ANSWER_MS = 10_000;

    /**
     * @param stops     stops sent, {@code answered} of them answered 200
     * @param p50Ms     median answer time of the answered ones
     * @param p99Ms     99th percentile (nearest rank) of the answered ones
     * @param maxMs     the slowest answered
     * @param allMs     every stop's answer time in the order sent (a stop not answered: NaN)
     * @param rampStops how many of the first stops were sent in the load's first {@value #RAMP_MS} ms
     * @param sessionEnd how the running session ended: its state and reason (STOPPED "emergency stop" by the
     *                   first stop, or FAULT where the supervisor vented it first), or its state if it runs on
     */
    record Result(int stops, int answered, double p50Ms, double p99Ms, double maxMs, List<Double> allMs, int rampStops,
                  double loadSeconds, boolean sessionEnded, String sessionEnd, AdversarialWebLoad.Counts load) {
    }

    private ReliabilityBench() {
    }

    static Result run(Invocation invocation, BenchMode mode) throws CommandException, InterruptedException,
            BenchUnavailable {
        int stops = mode == BenchMode.SMOKE ? 4 : mode == BenchMode.QUICK ? 20 : 60;
        Feature plain = invocation.feature();
        if (!plain.declares("http-port")) {
            throw new BenchUnavailable("feature " + plain.name() + " has no web UI");
        }
        Map<String, String> variables = new HashMap<>(Map.of("device", DEVICE, "model", "RB2-L5",
                "virtual-time", "false", "http-port", "0"));
        if (plain.declares("http-bind")) {
            variables.put("http-bind", "127.0.0.1");
        }
        try (BenchFramework framework = BenchFramework.start(invocation, invocation.feature(variables), false)) {
            SessionService sessions = framework.sessions();
            framework.awaitProgram("sequential");
            InetSocketAddress server = endpoint(framework);
            SessionInfo session;
            try {
                session = sessions.start(DEVICE, "sequential", Settings.level(3, 0).withFitCheck(false));
            } catch (SessionException e) {
                throw CommandException.failure("bench: reliability: cannot start a session: " + e.getMessage());
            }
            WebWarmup.now(server, null); // what run does after its ready line
            List<Double> answered = new ArrayList<>();
            List<Double> all = new ArrayList<>();
            long start = System.nanoTime();
            AdversarialWebLoad.Counts counts;
            int rampStops = 0;
            try (AdversarialWebLoad load = AdversarialWebLoad.start(server, UPLOADS, STREAMS, PER_SECOND, null)) {
                long next = start + FIRST_STOP_MS * 1_000_000L;
                for (int i = 0; i < stops; i++) {
                    Thread.sleep(Math.max(0, (next - System.nanoTime()) / 1_000_000L));
                    if (System.nanoTime() - start < RAMP_MS * 1_000_000L) {
                        rampStops++;
                    }
                    AdversarialWebLoad.Stop stop = AdversarialWebLoad.emergencyStop(server, DEVICE, ANSWER_MS);
                    if (stop.status() == 200) {
                        answered.add(stop.ms());
                    }
                    all.add(stop.status() == 200 ? stop.ms() : Double.NaN);
                    next = Math.max(next + SPACING_MS * 1_000_000L, System.nanoTime()); // one at a time: a slow one delays the next
                }
                counts = load.counts();
            } catch (java.io.IOException e) {
                throw CommandException.failure("bench: reliability: cannot start the load: " + e.getMessage());
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            SessionInfo end = sessions.session(session.id()).orElse(session);
            boolean ended = end.state() == SessionState.STOPPED || end.state() == SessionState.FAULT;
            return new Result(stops, answered.size(), Stats.median(answered), Stats.quantile(answered, 0.99),
                    Stats.max(answered), all, rampStops, seconds, ended,
                    end.state() + (end.endReason() == null ? "" : " \"" + end.endReason() + "\""), counts);
        }
    }

    /** Where Felix HTTP listens once it runs with the feature's configuration (osgi.http.endpoint). */
    private static InetSocketAddress endpoint(BenchFramework framework) throws CommandException, InterruptedException {
        long deadline = System.nanoTime() + BenchFramework.APPEAR.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                ServiceReference<?>[] refs = framework.runtime().context()
                        .getServiceReferences((String) null, "(osgi.http.endpoint=*)");
                for (ServiceReference<?> ref : refs == null ? new ServiceReference<?>[0] : refs) {
                    Object endpoint = ref.getProperty("osgi.http.endpoint");
                    URI uri = URI.create(endpoint instanceof String[] urls ? urls[0] : String.valueOf(endpoint));
                    if (uri.getPort() > 0 && "127.0.0.1".equals(uri.getHost())) {
                        return new InetSocketAddress("127.0.0.1", uri.getPort());
                    }
                }
            } catch (InvalidSyntaxException e) {
                throw new IllegalStateException(e);
            }
            Thread.sleep(50);
        }
        throw CommandException.failure("bench: reliability: the web server did not start on loopback");
    }
}
