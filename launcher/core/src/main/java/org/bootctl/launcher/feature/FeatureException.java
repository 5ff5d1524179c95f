package org.bootctl.launcher.feature;

import java.nio.file.Path;
import org.bootctl.launcher.PathNames;
import org.bootctl.launcher.cli.CommandException;

/** A feature that cannot be used as written: one line naming the file and the problem, exit code 2. */
public class FeatureException extends CommandException {
    private static final long serialVersionUID = 1L;

    public FeatureException(Path file, String problem) {
        super(USAGE, PathNames.show(file) + ": " + problem);
    }

    /** A problem not tied to one file, e.g. a feature name that matches none. */
    public FeatureException(String problem) {
        super(USAGE, problem);
    }
}
