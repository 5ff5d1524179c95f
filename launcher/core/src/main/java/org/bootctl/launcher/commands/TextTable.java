package org.bootctl.launcher.commands;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bootctl.launcher.ConsoleText;

/**
 * A plain-text table: a header row and columns padded to their widest cell; the last column runs
 * free. A cell is one printable line ({@link ConsoleText}), so a row is one line.
 */
final class TextTable {

    private final List<String[]> rows = new ArrayList<>();

    TextTable(String... header) {
        rows.add(header);
    }

    TextTable row(Object... cells) {
        rows.add(Arrays.stream(cells).map(c -> c == null || c.toString().isBlank() ? "-" : ConsoleText.line(c.toString()))
                .toArray(String[]::new));
        return this;
    }

    void print(PrintStream out) {
        int columns = rows.get(0).length;
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int c = 0; c < columns; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < columns; c++) {
                line.append(c < columns - 1 ? row[c] + " ".repeat(widths[c] - row[c].length() + 2) : row[c]);
            }
            out.println(line.toString().stripTrailing());
        }
    }
}
