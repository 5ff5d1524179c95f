package org.bootctl.hub;

import java.util.regex.Pattern;

/** The fleet's names as docs/FLEET.md defines them: a site and a unit are {@code [a-z0-9-]{1,32}}. */
final class Names {

    private static final Pattern NAME = Pattern.compile("[a-z0-9-]{1,32}");

    private Names() {
    }

    static boolean site(String s) {
        return s != null && NAME.matcher(s).matches() && !s.equals("all");
    }

    static boolean unit(String s) {
        return s != null && NAME.matcher(s).matches() && !s.equals("programs");
    }

    /** A device id usable as one topic level, at most 128 characters. */
    static boolean device(String d) {
        return d != null && !d.isEmpty() && d.length() <= 128 && d.chars().noneMatch(c -> c == '/' || c == '+' || c == '#' || c < 32);
    }
}
