package org.bootctl.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which bundle symbolic names the deploy folder takes: patterns where {@code *} stands for any
 * characters ({@code org.example.*} takes {@code org.example.ripple}, not {@code org.example}
 * itself), separated by commas or spaces. {@code *} alone takes every jar, even one without a
 * symbolic name (FileInstall then decides, as without a list).
 */
record AllowList(List<String> patterns) {

    static final String ALL = "*";

    AllowList {
        patterns = List.copyOf(patterns);
    }

    /** From configuration values, each holding one or more patterns. Nothing given: everything. */
    static AllowList of(String... values) {
        List<String> patterns = new ArrayList<>();
        if (values != null) {
            for (String value : values) {
                for (String pattern : value == null ? new String[0] : value.split("[,\\s]+")) {
                    if (!pattern.isBlank() && !patterns.contains(pattern.trim())) {
                        patterns.add(pattern.trim());
                    }
                }
            }
        }
        return new AllowList(patterns.isEmpty() ? List.of(ALL) : patterns);
    }

    /** Whether any symbolic name goes. */
    boolean all() {
        return patterns.contains(ALL);
    }

    /** Whether a bundle of this symbolic name (null when the jar has none) may be deployed. */
    boolean allows(String symbolicName) {
        if (all()) {
            return true;
        }
        return symbolicName != null && patterns.stream().anyMatch(p -> glob(p).matcher(symbolicName).matches());
    }

    private static Pattern glob(String pattern) {
        String[] parts = pattern.split("\\*", -1);
        StringBuilder regex = new StringBuilder(Pattern.quote(parts[0]));
        for (int i = 1; i < parts.length; i++) {
            regex.append(".*").append(Pattern.quote(parts[i]));
        }
        return Pattern.compile(regex.toString());
    }

    @Override
    public String toString() {
        return String.join(", ", patterns);
    }
}
