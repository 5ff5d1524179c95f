package org.bootctl.launcher.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The class-data archive bin/bootctl has the JVM write as the first run exits
 * ({@code -XX:ArchiveClassesAtExit}, path in {@link #PENDING}). The script takes it into use only
 * when this run said it came up: an archive of a run that failed early would hold too few classes.
 */
public final class ClassArchive {

    /** System property: where the JVM writes the archive at exit; absent when none is being made. */
    public static final String PENDING = "bootctl.cds.pending";

    private ClassArchive() {
    }

    /** Tells bin/bootctl that this run came up, so the archive it writes at exit is worth keeping. */
    public static void markRunUp() {
        String pending = System.getProperty(PENDING);
        if (pending == null || pending.isBlank()) {
            return;
        }
        try {
            Files.writeString(Path.of(pending + ".ready"), "");
        } catch (IOException | RuntimeException e) {
            // no archive this time: the next run makes one
        }
    }
}
