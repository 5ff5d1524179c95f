package org.bootctl.launcher;

import java.nio.file.Path;
import java.nio.file.Paths;

/** Paths as messages show them: relative to the working folder when inside it, so lines stay short. */
public final class PathNames {

    private PathNames() {
    }

    public static String show(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Path here = Paths.get("").toAbsolutePath().normalize();
        if (absolute.startsWith(here) && !absolute.equals(here)) {
            return here.relativize(absolute).toString();
        }
        return absolute.toString();
    }
}
