package org.bootctl.api.device;

/**
 * Text a unit supplies (model, serial number, firmware version, an error text) made safe to log
 * or show: a unit is not trusted to send only printable characters, and a line break or an ANSI
 * escape in a serial number could forge a log line ({@code bootctl ready: ...}) or repaint a
 * terminal. Drivers apply it where a unit's bytes become a string; {@link DeviceDescription} applies
 * it to its strings again, whoever built it.
 */
public final class DeviceText {

    /** The most characters of a cleaned string, the mark of a cut ({@code ...}) included. */
    public static final int MAX_LENGTH = 64;
    private static final String CUT = "...";

    private DeviceText() {
    }

    /**
     * {@code text} with every control or format character (line breaks, ESC, DEL, bidirectional
     * overrides ...) written as an escape ({@code \x1b}, {@code \u202e}) and at most {@link #MAX_LENGTH}
     * characters long ({@code ...} marks a cut); null stays null. Cleaning clean text changes
     * nothing, so a driver and {@link DeviceDescription} may both apply it. Thread-safe.
     *
     * @param text what the unit sent, or null
     * @return printable text of at most {@link #MAX_LENGTH} characters, or null for null
     */
    public static String clean(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(MAX_LENGTH);
        int fits = 0; // where a text that turns out too long is cut: the last end that leaves room for the mark
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String next = printable(c) ? String.valueOf(c) : c <= 0xFF ? String.format("\\x%02x", (int) c)
                    : String.format("\\u%04x", (int) c);
            if (out.length() + next.length() > MAX_LENGTH) {
                out.setLength(fits);
                return out.append(CUT).toString();
            }
            out.append(next);
            if (out.length() <= MAX_LENGTH - CUT.length()) {
                fits = out.length();
            }
        }
        return out.toString();
    }

    private static boolean printable(char c) {
        int type = Character.getType(c);
        return !Character.isISOControl(c) && type != Character.FORMAT && type != Character.SURROGATE
                && type != Character.UNASSIGNED && type != Character.PRIVATE_USE
                && type != Character.LINE_SEPARATOR && type != Character.PARAGRAPH_SEPARATOR;
    }
}
