package org.bootctl.launcher.fleet;

import java.io.IOException;
import org.bootctl.tools.bench.LocalPostgres;
import org.bootctl.testing.Tools;

/**
 * The hub tests' PostgreSQL: a {@link LocalPostgres} cluster of the test's own (fsync off, for
 * speed), after checking that PostgreSQL is installed.
 */
final class Postgres {

    static final String USER = LocalPostgres.USER;

    private Postgres() {
    }

    /** Fails under CI=true when PostgreSQL is missing (.ci/run installs it); skips otherwise. */
    static void require() {
        Tools.require(LocalPostgres.installed(), "PostgreSQL (initdb, pg_ctl)", "the Debian package postgresql");
    }

    static LocalPostgres start() throws IOException, InterruptedException {
        require();
        return LocalPostgres.start(false);
    }
}
