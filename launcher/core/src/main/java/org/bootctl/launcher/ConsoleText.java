package org.bootctl.launcher;

/**
 * Text from outside (a program file's keys, ids and names, a validator's message that quotes
 * them) made one printable line: each control or format character (a line break, ESC, a
 * bidirectional override ...) is written as an escape ({@code \x0a}, {@code \u202e}). An error
 * then stays one line, cannot forge another one, and cannot repaint the terminal.
 */
public final class ConsoleText {

    private ConsoleText() {
    }

    /** {@code text} on one printable line; null reads "null". Clean text is returned as it is. */
    public static String line(String text) {
        if (text == null) {
            return "null";
        }
        if (text.codePoints().allMatch(ConsoleText::printable)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(c -> {
            if (printable(c)) {
                out.appendCodePoint(c);
            } else {
                out.append(String.format(c <= 0xFF ? "\\x%02x" : c <= 0xFFFF ? "\\u%04x" : "\\U%08x", c));
            }
        });
        return out.toString();
    }

    private static boolean printable(int c) {
        int type = Character.getType(c);
        return !Character.isISOControl(c) && type != Character.FORMAT && type != Character.SURROGATE
                && type != Character.UNASSIGNED && type != Character.PRIVATE_USE
                && type != Character.LINE_SEPARATOR && type != Character.PARAGRAPH_SEPARATOR;
    }
}
