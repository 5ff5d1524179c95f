package org.bootctl.programs;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;

/** The message for an unknown key: the closest known key when one is close, else the known keys. */
final class KeySuggestion {

    private KeySuggestion() {
    }

    static String unknownKey(String key, Collection<String> known) {
        String closest = known.stream()
                .min(Comparator.comparingInt((String k) -> distance(key.toLowerCase(Locale.ROOT), k.toLowerCase(Locale.ROOT))))
                .orElse(null);
        // short keys need a close match, or "id" would suggest "to"
        if (closest != null && distance(key.toLowerCase(Locale.ROOT), closest.toLowerCase(Locale.ROOT))
                <= (closest.length() <= 3 ? 1 : Math.max(2, closest.length() / 3))) {
            return "unknown key; did you mean \"" + closest + "\"?";
        }
        return "unknown key; expected one of " + String.join(", ", known);
    }

    /** Levenshtein distance: the fewest single-character insertions, deletions and substitutions. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
