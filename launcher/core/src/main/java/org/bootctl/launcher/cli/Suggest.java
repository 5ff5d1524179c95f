package org.bootctl.launcher.cli;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/** Finds the known name closest to a mistyped one: "did you mean --level?". */
public final class Suggest {

    private Suggest() {
    }

    /** The closest candidate within a few edits (or that starts with the input), if any. */
    public static Optional<String> closest(String input, Collection<String> candidates) {
        String typed = input.toLowerCase();
        return candidates.stream()
                .filter(c -> c.toLowerCase().startsWith(typed) && !typed.isEmpty()
                        || distance(typed, c.toLowerCase()) <= Math.max(1, Math.min(3, c.length() / 3)))
                .min(Comparator.comparingInt(c -> distance(typed, c.toLowerCase())));
    }

    /** " (did you mean X?)", or "" when nothing is close. */
    public static String didYouMean(String input, Collection<String> candidates, String prefix) {
        return closest(input, candidates).map(c -> " (did you mean " + prefix + c + "?)").orElse("");
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
