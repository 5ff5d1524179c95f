package org.bootctl.launcher.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.bootctl.api.session.SessionService;
import org.bootctl.api.session.SessionState;
import org.bootctl.launcher.Distribution;
import org.bootctl.launcher.feature.FeatureReader;
import org.bootctl.launcher.runtime.HealthProblem;
import org.bootctl.launcher.runtime.OsgiRuntime;

/** A feature of the distribution started in this JVM, as a command starts one, and up: the rig of the in-process ITs. */
public final class Runtimes {

    /** How long a feature gets to be up, and a service to come, on a loaded machine. */
    public static final Duration UP = Duration.ofSeconds(30);

    private Runtimes() {
    }

    /** Started without its UIs (as a headless command starts it) and up. */
    public static OsgiRuntime start(String feature, Map<String, String> variables, Path data) throws Exception {
        return start(feature, variables, data, true);
    }

    /** The simulator feature with its UIs, its web server on a free loopback port, plus these variables; up. */
    public static OsgiRuntime simulator(Path data, Map<String, String> variables) throws Exception {
        Map<String, String> all = new HashMap<>(Map.of("http-port", "0", "http-bind", "127.0.0.1"));
        all.putAll(variables);
        return start("simulator", all, data, false);
    }

    /** Started and up (every bundle active, every component satisfied), or closed and the test fails naming what is not. */
    public static OsgiRuntime start(String feature, Map<String, String> variables, Path data, boolean headless)
            throws Exception {
        Distribution distribution = TestDistribution.real();
        OsgiRuntime runtime = OsgiRuntime.start(FeatureReader.read(distribution.features().resolve(feature + ".json"),
                variables), distribution, data, headless);
        List<HealthProblem> problems = runtime.health().await(UP);
        if (!problems.isEmpty()) {
            runtime.close();
            fail("feature " + feature + " is not up:\n  " + problems.stream().map(HealthProblem::message)
                    .collect(Collectors.joining("\n  ")));
        }
        return runtime;
    }

    /** The engine's service of a started runtime. */
    public static SessionService sessions(OsgiRuntime runtime) throws InterruptedException {
        return runtime.awaitService(SessionService.class, null, UP)
                .orElseThrow(() -> new AssertionError("no SessionService"));
    }

    /** The state of a session; null when the engine does not know it. */
    public static SessionState state(SessionService sessions, String sessionId) {
        return sessions.session(sessionId).map(s -> s.state()).orElse(null);
    }
}
