package org.bootctl.hub;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Versioned schema migrations, run at start (docs/HUB.md says why not Flyway): the numbered SQL
 * files of {@code migrations/} in this bundle, each applied once, in order, in one transaction with
 * its row in {@code schema_version}; under a database lock, so two hubs starting together on one
 * PostgreSQL do not both apply one.
 */
final class Migrations {

    static final String FOLDER = "migrations/";

    private Migrations() {
    }

    /** Applies what is missing; answers the schema's version. */
    static int run(Database db) throws SQLException, IOException {
        List<String> files = files();
        try (Connection c = db.connect()) {
            boolean pg = db.dialect() == Database.Dialect.POSTGRESQL;
            int networkTimeout = c.getNetworkTimeout();
            if (pg) {
                // a migration over a large fleet (or waiting for another hub's) may take longer than a request may:
                // no time limit while it runs (statement_timeout: this transaction only; the socket's: restored below)
                c.setNetworkTimeout(Runnable::run, 0);
            }
            try {
                return migrate(db, c, files, pg);
            } finally {
                if (pg) {
                    c.setNetworkTimeout(Runnable::run, networkTimeout);
                }
            }
        }
    }

    /** The migrations missing, in one transaction on {@code c} under the migration lock. */
    private static int migrate(Database db, Connection c, List<String> files, boolean pg) throws SQLException, IOException {
        c.setAutoCommit(false);
        if (pg) {
            try (Statement s = c.createStatement()) {
                s.execute("SET LOCAL statement_timeout = 0");
            }
        }
        String lock = db.dialect().migrationLock();
        if (lock != null) {
            try (Statement s = c.createStatement()) {
                s.execute(lock); // held until commit: the other hub waits here
            }
        }
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INT PRIMARY KEY, name VARCHAR(200) NOT NULL,"
                    + " applied TIMESTAMP NOT NULL)");
        }
        int current = 0;
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
            r.next();
            current = r.getInt(1);
        }
        for (int i = current; i < files.size(); i++) {
            String name = files.get(i);
            for (String statement : statements(read(name))) {
                try (Statement s = c.createStatement()) {
                    s.execute(statement);
                }
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO schema_version VALUES (?, ?, ?)")) {
                p.setInt(1, i + 1);
                p.setString(2, name);
                p.setObject(3, LocalDateTime.now(ZoneOffset.UTC));
                p.executeUpdate();
            }
        }
        c.commit(); // PostgreSQL: DDL is transactional, so a failed migration leaves nothing behind
        return Math.max(current, files.size());
    }

    /** The migration files in order, as {@code migrations/index} lists them (a new one: a line at its end). */
    static List<String> files() throws IOException {
        return read("index").lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    static String read(String name) throws IOException {
        try (InputStream in = Migrations.class.getResourceAsStream(FOLDER + name)) {
            if (in == null) {
                throw new IOException("the hub bundle lacks " + FOLDER + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The statements of a file: split at semicolons that end a line; lines starting "--" are comments. */
    static List<String> statements(String sql) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : sql.split("\n")) {
            String t = line.strip();
            if (t.startsWith("--") || t.isEmpty()) {
                continue;
            }
            current.append(line).append('\n');
            if (t.endsWith(";")) {
                String s = current.toString().strip();
                out.add(s.substring(0, s.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString().strip());
        }
        return out;
    }
}
