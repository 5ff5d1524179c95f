package org.bootctl.launcher.serial;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.bootctl.api.session.SessionService;
import org.bootctl.api.session.SessionState;
import org.bootctl.launcher.Distribution;
import org.bootctl.launcher.feature.FeatureReader;
import org.bootctl.launcher.runtime.HealthProblem;
import org.bootctl.launcher.runtime.OsgiRuntime;
import org.bootctl.launcher.testing.TestDistribution;

/** A feature of the distribution started in this JVM without its UIs, as a command starts one. */
final class Runtimes {

    private Runtimes() {
    }

    /** Started and up (every bundle active, every component satisfied), or the test fails naming what is not. */
    static OsgiRuntime start(String feature, Map<String, String> variables, Path data) throws Exception {
        Distribution distribution = TestDistribution.real();
        OsgiRuntime runtime = OsgiRuntime.start(FeatureReader.read(distribution.features().resolve(feature + ".json"),
                variables), distribution, data, true);
        List<HealthProblem> problems = runtime.health().await(Duration.ofSeconds(20));
        if (!problems.isEmpty()) {
            runtime.close();
            fail("feature " + feature + " is not up:\n  " + problems.stream().map(HealthProblem::message)
                    .collect(Collectors.joining("\n  ")));
        }
        return runtime;
    }

    static SessionService sessions(OsgiRuntime runtime) throws InterruptedException {
        return runtime.awaitService(SessionService.class, null, Duration.ofSeconds(10))
                .orElseThrow(() -> new AssertionError("no SessionService"));
    }

    /** The state of a session; null when the engine does not know it. */
    static SessionState state(SessionService sessions, String sessionId) {
        return sessions.session(sessionId).map(s -> s.state()).orElse(null);
    }
}
