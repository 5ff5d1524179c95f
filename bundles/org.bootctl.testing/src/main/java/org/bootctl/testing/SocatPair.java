package org.bootctl.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A pseudo-terminal pair made by socat, standing in for a cable: links {@code device} (where an
 * emulator sits) and {@code host} (what the controller's driver opens) in a folder. Killing socat
 * (SIGTERM) takes both ends away, as unplugging does; {@link #start()} again plugs a new pair in
 * at the same paths.
 */
public final class SocatPair implements AutoCloseable {

    private final Path device;
    private final Path host;
    private final Path log;
    private Process socat;

    public SocatPair(Path folder) {
        this.device = folder.resolve("device");
        this.host = folder.resolve("host");
        this.log = folder.resolve("socat.log");
    }

    /** Skips the calling test when socat is not installed, or fails it under CI=true (.ci/run installs it). */
    public static void assumeInstalled() {
        Tools.require("apt-get install socat", "socat");
    }

    /** The emulator's end. */
    public String device() {
        return device.toString();
    }

    /** The controller's end. */
    public String host() {
        return host.toString();
    }

    public SocatPair start() throws IOException {
        socat = new ProcessBuilder("socat", "-d", "-d", "pty,raw,echo=0,link=" + device, "pty,raw,echo=0,link=" + host)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        Waits.until("socat's links " + device + " and " + host, 5000, () -> Files.exists(device) && Files.exists(host));
        return this;
    }

    /** Unplugs: SIGTERM, and socat removes its links; returns once they are gone. */
    public void kill() throws IOException, InterruptedException {
        if (socat != null && socat.isAlive()) {
            socat.destroy();
            if (!socat.waitFor(5, TimeUnit.SECONDS)) {
                socat.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        // after SIGKILL the links would dangle
        Files.deleteIfExists(device);
        Files.deleteIfExists(host);
        Waits.until("socat's links gone", 5000, () -> !Files.exists(device, LinkOption.NOFOLLOW_LINKS)
                && !Files.exists(host, LinkOption.NOFOLLOW_LINKS));
    }

    @Override
    public void close() throws IOException, InterruptedException {
        kill();
    }
}
