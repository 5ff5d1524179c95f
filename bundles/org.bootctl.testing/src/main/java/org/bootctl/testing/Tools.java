package org.bootctl.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The programs outside Java a test needs (socat, Chromium, Mosquitto, PostgreSQL, Maven...): a
 * missing one fails the run under {@code CI=true}, where .ci/run installs them all, and skips the
 * test elsewhere, so a developer without them still runs the rest.
 */
public final class Tools {

    private Tools() {
    }

    /** Whether {@code name} is an executable on the PATH (or in /usr/sbin, where Debian puts daemons). */
    public static boolean onPath(String name) {
        for (String folder : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(folder, name))) {
                return true;
            }
        }
        return Files.isExecutable(Path.of("/usr/sbin", name));
    }

    /**
     * Goes on when {@code present}; otherwise fails the calling test under CI=true and skips it elsewhere.
     *
     * @param what    what is missing, e.g. {@code socat}
     * @param install how to get it, e.g. {@code apt-get install socat}
     */
    public static void require(boolean present, String what, String install) {
        if (present) {
            return;
        }
        if ("true".equals(System.getenv("CI"))) {
            Assertions.fail(what + " is not installed, and CI=true needs it (" + install + "; .ci/run installs it)");
        }
        Assumptions.abort(what + " is not installed (" + install + ")");
    }

    /** {@link #require} for programs on the PATH. */
    public static void require(String install, String... programs) {
        boolean all = true;
        for (String program : programs) {
            all &= onPath(program);
        }
        require(all, String.join(" and ", programs), install);
    }
}
