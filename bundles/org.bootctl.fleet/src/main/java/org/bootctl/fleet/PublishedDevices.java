package org.bootctl.fleet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Set;
import java.util.TreeSet;

/**
 * The devices whose retained {@code devices/{device}} message this unit left on the broker, kept
 * in {@code fleet/devices} (one id a line): a device gone while the unit was stopped still has
 * its message there, and only this list tells the unit, once it is back, which ones to empty.
 * Used by the publisher thread alone.
 */
final class PublishedDevices {

    private final Path file;
    private final Set<String> ids = new TreeSet<>();

    PublishedDevices(Path file) {
        this.file = file;
    }

    /** Reads the list; a missing file is an empty list. */
    void load() throws IOException {
        ids.clear();
        try {
            Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(String::strip)
                    .filter(Topics::usable).forEach(ids::add);
        } catch (NoSuchFileException e) {
            // no device published yet
        }
    }

    Set<String> ids() {
        return Set.copyOf(ids);
    }

    /** Notes that the device's retained message is out ({@code published}) or emptied; writes the list if it changed. */
    void update(String id, boolean published) throws IOException {
        if (id.indexOf('\n') >= 0 || id.indexOf('\r') >= 0) {
            return; // not a line of the file; such a device is emptied only while it goes
        }
        if (published ? ids.add(id) : ids.remove(id)) {
            Files.createDirectories(file.getParent());
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(temp, ids, StandardCharsets.UTF_8);
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
