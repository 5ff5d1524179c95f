package org.bootctl.tools.emulate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Whether this process holds a serial port open, as Linux tells it in {@code /proc/self/fd}.
 * The emulator's bundle opens its port on a thread of its own and says nothing to the launcher;
 * this is how the launcher sees from outside that it is on the port, without a contract with
 * the bundle's insides. Where the system cannot tell (no /proc), the answer is empty.
 */
final class HeldPorts {

    private static final Path DESCRIPTORS = Paths.get("/proc/self/fd");

    private HeldPorts() {
    }

    /** True when a file descriptor of this process points at the device {@code port} names (links followed). */
    static Optional<Boolean> held(Path port) {
        if (!Files.isDirectory(DESCRIPTORS)) {
            return Optional.empty();
        }
        Path device;
        try {
            device = port.toRealPath();
        } catch (IOException gone) {
            return Optional.of(false);
        }
        try (Stream<Path> descriptors = Files.list(DESCRIPTORS)) {
            return Optional.of(descriptors.anyMatch(fd -> device.equals(target(fd))));
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
    }

    private static Path target(Path descriptor) {
        try {
            return Files.readSymbolicLink(descriptor);
        } catch (IOException closedMeanwhile) {
            return null;
        }
    }
}
