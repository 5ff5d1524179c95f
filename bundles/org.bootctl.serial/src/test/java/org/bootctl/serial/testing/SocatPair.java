package org.bootctl.serial.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A pseudo-terminal pair made by socat, linked as {@code A} (the host's end) and {@code B} (the
 * device's) in a folder. Killing socat (SIGTERM) takes both ends away, as an unplugged cable
 * does; {@link #start()} again makes a new pair at the same paths.
 */
public final class SocatPair implements AutoCloseable {

    private final Path dir;
    private final Path a;
    private final Path b;
    private Process socat;

    public SocatPair(Path dir) {
        this.dir = dir;
        this.a = dir.resolve("A");
        this.b = dir.resolve("B");
    }

    /** Skips the calling test when socat is not installed; under CI=true fails it instead (.ci/run installs socat). */
    public static void assumeInstalled() {
        boolean found = false;
        for (String folder : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            found |= Files.isExecutable(Path.of(folder, "socat"));
        }
        if (!found && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError("socat is not installed, and CI=true: a test tool that is missing fails the run");
        }
        Assumptions.assumeTrue(found, "socat is not installed");
    }

    public String a() {
        return a.toString();
    }

    public String b() {
        return b.toString();
    }

    public SocatPair start() throws IOException {
        socat = new ProcessBuilder("socat", "-d", "-d", "pty,raw,echo=0,link=" + a, "pty,raw,echo=0,link=" + b)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("socat.log").toFile()))
                .start();
        Waits.until("socat's links " + a + " and " + b, 5000, () -> Files.exists(a) && Files.exists(b));
        return this;
    }

    /** SIGTERM: socat removes its links and both pseudo-terminals go away. */
    public void kill() throws InterruptedException {
        if (socat != null && socat.isAlive()) {
            socat.destroy();
            if (!socat.waitFor(5, TimeUnit.SECONDS)) {
                socat.destroyForcibly();
            }
        }
        Waits.until("socat's links gone", 5000, () -> !Files.exists(a, LinkOption.NOFOLLOW_LINKS)
                && !Files.exists(b, LinkOption.NOFOLLOW_LINKS));
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
