package org.bootctl.deploy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The names in an OSGi manifest header such as {@code Export-Package}: clauses separated by
 * commas, each a list of names followed by {@code ;attribute=value} and {@code ;directive:=value}
 * parameters, where quoted values may hold commas, semicolons and quotes escaped with a backslash
 * ({@code a.b;c.d;version="[1,2)";uses:="x,y", e.f}: {@code a.b, c.d, e.f}).
 */
final class ManifestClauses {

    private ManifestClauses() {
    }

    /** The names of every clause of {@code header}, in order; empty for null. */
    static Set<String> names(String header) {
        Set<String> names = new LinkedHashSet<>();
        if (header == null) {
            return names;
        }
        for (String clause : split(header, ',')) {
            for (String part : split(clause, ';')) {
                String name = part.trim();
                if (!name.isEmpty() && name.indexOf('=') < 0) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    /** {@code text} cut at each {@code separator} outside double quotes ({@code \"} inside them stays inside). */
    private static List<String> split(String text, char separator) {
        List<String> parts = new ArrayList<>();
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && quoted) {
                i++; // an escaped character of a quoted value, a quote or a backslash among them (as the framework reads it)
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == separator && !quoted) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        return parts;
    }
}
