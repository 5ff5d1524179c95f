package org.bootctl.shell;

import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code boot:log}: the last lines of the log file that keeps library logs out of the console
 * ({@code bootctl run --shell} names it in the framework's property {@value #PROPERTY}). Reads
 * at most the file's last {@value #MAX_BYTES} bytes, however large it grew.
 */
final class LogTail {

    static final String PROPERTY = "bootctl.log";
    static final int DEFAULT_LINES = 20;
    static final int MAX_LINES = 1000;
    static final int MAX_BYTES = 256 * 1024;

    private LogTail() {
    }

    static void print(String file, String count, PrintStream out) {
        String text = count == null ? "" : count.strip();
        if (!text.isEmpty() && (!text.matches("\\d{1,4}") || Integer.parseInt(text) < 1
                || Integer.parseInt(text) > MAX_LINES)) {
            out.println("log takes how many lines to show, a whole number 1.." + MAX_LINES + ", not '" + count + "'");
            return;
        }
        int lines = text.isEmpty() ? DEFAULT_LINES : Integer.parseInt(text);
        if (file == null || file.isBlank()) {
            out.println("no log file: logs go to the console's own output (bootctl run --shell keeps them in a file)");
            return;
        }
        Path path = Path.of(file);
        if (!Files.isRegularFile(path)) {
            out.println("nothing logged yet (" + path + ")");
            return;
        }
        try {
            List<String> last = last(path, lines);
            if (last.isEmpty()) {
                out.println("nothing logged yet (" + path + " is empty)");
                return;
            }
            out.println("the last " + last.size() + " line" + (last.size() == 1 ? "" : "s") + " of " + path + ":");
            last.forEach(out::println);
        } catch (IOException e) {
            out.println("cannot read the log " + path + ": " + e.getMessage());
        }
    }

    static List<String> last(Path path, int lines) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "r")) {
            long length = file.length();
            int size = (int) Math.min(length, MAX_BYTES);
            byte[] bytes = new byte[size];
            file.seek(length - size);
            file.readFully(bytes);
            List<String> all = new String(bytes, StandardCharsets.UTF_8).lines().toList();
            if (size < length && !all.isEmpty()) {
                all = all.subList(1, all.size()); // the first line read is cut
            }
            return all.subList(Math.max(0, all.size() - lines), all.size());
        }
    }
}
