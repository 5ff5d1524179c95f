package org.bootctl.shell;

import java.io.PrintStream;

/**
 * A command's output that prints every string as plain text: control and format characters (ESC,
 * line breaks, bidirectional overrides, a lone surrogate) are written as escapes ({@code \x1b},
 * {@code \u202e}), as {@code DeviceText} writes them. Names and messages come from units, program
 * plugins, model files and the history: an escape sequence in one could repaint the console (clear
 * a fault off the screen), a line break forge a line. Whole lines are printed with {@code println},
 * which ends each; a tab stays (a log line's stack trace has them). Nothing is cut: a person must
 * be able to type an id as shown.
 */
final class Printable extends PrintStream {

    private final PrintStream out;

    private Printable(PrintStream out) {
        super(out, true);
        this.out = out;
    }

    /** {@code out}, printing strings as plain text. */
    static PrintStream of(PrintStream out) {
        return out instanceof Printable ? out : new Printable(out);
    }

    @Override
    public void print(String text) {
        super.print(escape(text));
    }

    @Override
    public void print(Object value) {
        print(String.valueOf(value));
    }

    /** True when this stream or the one it writes to failed (the console is closed). */
    @Override
    public boolean checkError() {
        return super.checkError() | out.checkError();
    }

    /** {@code text} with every character that is not plain text written as an escape; null as {@code null}. */
    static String escape(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder plain = null;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            int next = i + Character.charCount(c);
            if (!printable(c)) {
                if (plain == null) {
                    plain = new StringBuilder(text.length() + 16).append(text, 0, i);
                }
                plain.append(c <= 0xFF ? String.format("\\x%02x", c) : String.format("\\u%04x", c));
            } else if (plain != null) {
                plain.append(text, i, next);
            }
            i = next;
        }
        return plain == null ? text : plain.toString();
    }

    private static boolean printable(int c) {
        if (c == '\t') {
            return true;
        }
        int type = Character.getType(c);
        return !Character.isISOControl(c) && type != Character.FORMAT && type != Character.SURROGATE
                && type != Character.UNASSIGNED && type != Character.PRIVATE_USE
                && type != Character.LINE_SEPARATOR && type != Character.PARAGRAPH_SEPARATOR;
    }
}
