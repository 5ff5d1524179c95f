package org.bootctl.launcher.runtime;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bootctl.launcher.PathNames;
import org.bootctl.launcher.cli.CommandException;

/**
 * One process at a time runs sessions in a data folder: {@code bootctl run} and
 * {@code bootctl session} hold an OS lock on its {@code bootctl.lock} for as long as they run,
 * and a second one on the same folder is refused (exit 2) naming the holder; {@code bootctl hub}
 * takes the same lock for its database and its name on the broker, and the refusal then says
 * so. The OS releases the
 * lock when the process ends, however it ends (kill -9 too), so a stale file blocks nothing; the
 * file stays, holding the last holder's pid and command.
 */
public final class DataFolderLock implements AutoCloseable {

    public static final String FILE = "bootctl.lock";
    /** The command that keeps a hub's database and its name on the broker in its data folder. */
    private static final String HUB = "bootctl hub";
    /** Folders held in this JVM, with their holder: never open their file again here (see close). */
    private static final Map<Path, Holder> HELD = new ConcurrentHashMap<>();

    private final Path folder;
    private final FileChannel channel;
    private final FileLock lock;

    private DataFolderLock(Path folder, FileChannel channel, FileLock lock) {
        this.folder = folder;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Locks {@code dataFolder} (created if missing) for {@code command}, e.g. "bootctl run".
     *
     * @throws CommandException exit 2 when another process (or command of this one) holds it
     */
    public static DataFolderLock acquire(Path dataFolder, String command) throws CommandException {
        Path folder = dataFolder.toAbsolutePath().normalize();
        Holder holder = new Holder(Long.toString(ProcessHandle.current().pid()), command,
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        Holder before = HELD.putIfAbsent(folder, holder);
        if (before != null) {
            throw refused(folder, before, command);
        }
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            HELD.remove(folder, holder);
            throw CommandException.usage("the data folder " + PathNames.show(folder) + " is a file, not a folder:"
                    + " give --data a folder (it is made when missing)");
        }
        try {
            Files.createDirectories(folder);
            FileChannel channel = FileChannel.open(folder.resolve(FILE), StandardOpenOption.CREATE,
                    StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (IOException | OverlappingFileLockException e) {
                channel.close();
                throw e;
            }
            if (lock == null) {
                channel.close(); // no lock of this JVM on the file to lose: HELD says so
                throw refused(folder, holderOf(folder), command);
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(("pid=" + ProcessHandle.current().pid() + "\ncommand=" + command
                    + "\nsince=" + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "\n").getBytes(StandardCharsets.UTF_8)),
                    0);
            return new DataFolderLock(folder, channel, lock);
        } catch (IOException | RuntimeException e) {
            HELD.remove(folder, holder);
            throw CommandException.failure("cannot lock the data folder " + PathNames.show(folder) + ": " + PathNames.why(e));
        } catch (CommandException e) {
            HELD.remove(folder, holder);
            throw e;
        }
    }

    /** Whether a command of this process holds {@code dataFolder}: only then may its engine recover the history. */
    public static boolean heldHere(Path dataFolder) {
        return HELD.containsKey(dataFolder.toAbsolutePath().normalize());
    }

    /** The refusal, in words right for what holds the folder and what asks for it (a hub runs no sessions). */
    private static CommandException refused(Path folder, Holder holder, String command) {
        String why;
        if (HUB.equals(holder.command())) {
            why = "a hub keeps its database and its name on the broker in its data folder, so no other process uses"
                    + " that folder";
        } else if (HUB.equals(command)) {
            why = "a hub needs a data folder of its own for its database and its name on the broker, not one where"
                    + " sessions run";
        } else {
            why = "one process at a time runs sessions in a data folder";
        }
        return CommandException.usage("the data folder " + PathNames.show(folder) + " is in use by " + holder.words()
                + ": " + why + "; stop that one first, or give this one another folder with --data DIR");
    }

    /** The holder as its file says ("another process", no command, while it has not written them yet). */
    private static Holder holderOf(Path folder) {
        try {
            Map<String, String> fields = new LinkedHashMap<>();
            for (String line : Files.readAllLines(folder.resolve(FILE), StandardCharsets.UTF_8)) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    fields.put(line.substring(0, eq), oneLine(line.substring(eq + 1)));
                }
            }
            if (fields.containsKey("pid")) {
                return new Holder(fields.get("pid"), fields.getOrDefault("command", "?"), fields.get("since"));
            }
        } catch (IOException | RuntimeException e) {
            // said below
        }
        return new Holder(null, null, null);
    }

    /**
     * Who holds a folder.
     *
     * @param pid     its process id; null when unknown
     * @param command its command, e.g. "bootctl run"; null when unknown
     * @param since   when it took the folder; null when unknown
     */
    private record Holder(String pid, String command, String since) {

        String words() {
            return pid == null ? "another process"
                    : "process " + pid + " (" + command + (since != null ? ", since " + since : "") + ")";
        }
    }

    /**
     * Releases the lock; the file stays. Closing any channel on a file drops every lock this
     * process has on it (POSIX), which is why nothing else in this JVM opens a held folder's file.
     */
    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // the OS releases it with the process anyway
        } finally {
            HELD.remove(folder);
        }
    }

    /** Text from a file anyone may have written, fit for one line of a message. */
    private static String oneLine(String text) {
        String clean = text.codePoints().filter(c -> !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return clean.length() > 200 ? clean.substring(0, 200) + "..." : clean;
    }
}
