package org.bootctl.hub;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.h2.jdbcx.JdbcConnectionPool;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGConnectionPoolDataSource;

/**
 * Where the hub stores the fleet: embedded H2 in the data folder (nothing to set up), or
 * PostgreSQL for a chain. The data sources are made directly, not through DriverManager, which
 * does not see drivers in other bundles. Connections are pooled (H2's small pool, which takes
 * either driver's pooled connections): a new PostgreSQL connection costs a TCP connect and a
 * SCRAM exchange, some 30 ms, on every request otherwise.
 */
record Database(JdbcConnectionPool source, Dialect dialect, String described) implements AutoCloseable {

    /** Connections kept: the writer's one, and the API's requests. */
    static final int POOL = 8;
    /** PostgreSQL: seconds an answer is waited for before the connection counts as broken. */
    static final int SOCKET_TIMEOUT_S = 60;
    /** PostgreSQL: milliseconds a statement may run before the server cancels it (SQLSTATE 57014). */
    static final int STATEMENT_TIMEOUT_MS = 30_000;

    /** Where the SQL of the two differs: the migration lock, and inserts that may meet a row already there. */
    enum Dialect {
        H2, POSTGRESQL;

        /**
         * An insert that skips a row already there. PostgreSQL: ON CONFLICT DO NOTHING, since a failed
         * statement would abort the whole batch's transaction and a second hub inserting the same
         * record waits for the first's commit instead of failing. H2 (one process, one writer): the
         * statement fails alone with 23505 and the transaction goes on.
         */
        String insertOnce(String insert) {
            return this == POSTGRESQL ? insert + " ON CONFLICT DO NOTHING" : insert;
        }

        /**
         * What makes an insert into a table of sums add to the row already there in one statement
         * (PostgreSQL: two hubs may make the same row at once); null for H2, where the one writer
         * updates and inserts when nothing was updated.
         */
        String addOnConflict(String table, List<String> keys, List<String> values) {
            if (this != POSTGRESQL) {
                return null;
            }
            return " ON CONFLICT (" + String.join(", ", keys) + ") DO UPDATE SET "
                    + String.join(", ", values.stream().map(v -> v + " = " + table + "." + v + " + EXCLUDED." + v).toList());
        }

        /** Takes the migration lock until the connection's transaction ends. */
        String migrationLock() {
            return this == POSTGRESQL ? "SELECT pg_advisory_xact_lock(174217)" : null; // H2: one process holds the file
        }
    }

    static Database open(String url, String user, String password, Path dataFolder) {
        if (url == null || url.isBlank()) {
            Path file = dataFolder.resolve("hub").resolve("fleet").toAbsolutePath();
            JdbcDataSource h2 = new JdbcDataSource();
            // WRITE_DELAY=0: each commit reaches the file before the broker is acknowledged (H2 waits 500 ms by
            // default, so a hub killed just after a commit lost it: HubIngestIT found that)
            h2.setURL("jdbc:h2:" + file + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0");
            h2.setUser("bootctl");
            h2.setPassword("");
            return new Database(pool(h2), Dialect.H2, "H2 " + file + ".mv.db");
        }
        String u = url.trim();
        if (u.startsWith("jdbc:postgresql:")) {
            PGConnectionPoolDataSource pg = new PGConnectionPoolDataSource();
            pg.setURL(u);
            if (user != null && !user.isBlank()) {
                pg.setUser(user);
            }
            if (password != null && !password.isEmpty()) {
                pg.setPassword(password);
            }
            pg.setConnectTimeout(10);
            pg.setReWriteBatchedInserts(false); // the store needs each insert's own count (0: there already)
            pg.setTcpKeepAlive(true);
            // a database that hangs (a lost network without a reset, a lock held for ever) never holds the writer or
            // an API request for ever: an answer waited for past SOCKET_TIMEOUT_S breaks the connection, a statement
            // past STATEMENT_TIMEOUT_MS is cancelled (both "away": the writer tries again); the URL's own settings win
            if (!u.contains("socketTimeout=")) {
                pg.setSocketTimeout(SOCKET_TIMEOUT_S);
            }
            if (!u.contains("options=")) {
                pg.setOptions("-c statement_timeout=" + STATEMENT_TIMEOUT_MS);
            }
            return new Database(pool(pg), Dialect.POSTGRESQL, "PostgreSQL " + u.replaceAll("\\?.*", ""));
        }
        if (u.startsWith("jdbc:h2:")) {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL(u);
            h2.setUser(user == null || user.isBlank() ? "bootctl" : user);
            h2.setPassword(password == null ? "" : password);
            return new Database(pool(h2), Dialect.H2, "H2 " + u);
        }
        throw new IllegalArgumentException("database '" + u + "': give jdbc:postgresql://HOST:PORT/DB or jdbc:h2:FILE");
    }

    private static JdbcConnectionPool pool(javax.sql.ConnectionPoolDataSource source) {
        JdbcConnectionPool pool = JdbcConnectionPool.create(source);
        pool.setMaxConnections(POOL);
        pool.setLoginTimeout(30); // seconds a request waits for a free connection
        return pool;
    }

    /** Seconds a connection taken from the pool has to show that it still works (one round trip). */
    static final int VALID_S = 5;

    /**
     * A connection from the pool that works; closing it gives it back. One the database ended while
     * it waited in the pool (PostgreSQL restarted) is given up and the next taken: the pool handed each
     * such connection out twice more, so after a restart the API answered up to 16 requests 503 "the
     * hub's database does not answer" although it did, and an e-stop could not read the units only the
     * database knows.
     */
    Connection connect() throws SQLException {
        for (int tries = 0; ; tries++) {
            Connection c;
            try {
                c = source.getConnection();
            } catch (SQLException e) {
                if (tries < 2 * POOL && "08003".equals(e.getSQLState())) {
                    continue; // a pooled connection the driver knows to be closed: the pool has dropped it now
                }
                throw e;
            }
            if (tries >= 2 * POOL || c.isValid(VALID_S)) {
                return c;
            }
            c.close(); // the driver knows it closed now: the pool drops it when it is taken next
        }
    }

    /** Closes the connections kept. */
    @Override
    public void close() {
        source.dispose();
    }
}
