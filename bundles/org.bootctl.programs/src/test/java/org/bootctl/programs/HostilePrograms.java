package org.bootctl.programs;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Program files made to cost as much memory or as many errors as their size allows, each just
 * under the 256 KiB limit: what a hostile upload or a file dropped into programs/ can be.
 */
final class HostilePrograms {

    private HostilePrograms() {
    }

    /** The header of a program for 2 to 8 zones, before its cycle. */
    private static final String HEAD = "{\"id\": \"hostile\", \"name\": \"Hostile\", \"version\": \"1\","
            + " \"zones\": {\"min\": 2, \"max\": 8}, \"minCycle\": 10, ";

    /** By name: the file's text. */
    static Map<String, String> all() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("250 nested lists around zeros", nested(250, "0"));
        files.put(JsonTree.MAX_DEPTH + " nested lists around zeros", nested(JsonTree.MAX_DEPTH, "0"));
        files.put("a cycle of zeros", fill(HEAD + "\"cycle\": [", "]}", i -> "0"));
        files.put("a cycle of empty objects", fill(HEAD + "\"cycle\": [", "]}", i -> "{}"));
        files.put("a cycle of empty lists", fill(HEAD + "\"cycle\": [", "]}", i -> "[]"));
        files.put("a cycle of objects of one key", fill(HEAD + "\"cycle\": [", "]}", i -> "{\"k\":0}"));
        files.put("a cycle of lists of one", fill(HEAD + "\"cycle\": [", "]}", i -> "[0]"));
        files.put("a cycle of distinct numbers", fill(HEAD + "\"cycle\": [", "]}", Integer::toString));
        files.put("a cycle of distinct strings", fill(HEAD + "\"cycle\": [", "]}", i -> "\"" + i + "\""));
        files.put("unknown keys", fill(HEAD + "\"cycle\": [{\"hold\": 10}], ", ", \"z\": 0}", i -> "\"k" + i + "\": 0"));
        files.put("duplicate keys", fill(HEAD + "\"cycle\": [{\"hold\": 10}], ", ", \"z\": 0}", i -> "\"comment\": \"c\""));
        files.put("valid: one zone named over and over", fill(HEAD + "\"cycle\": [{\"fill\": [", "], \"hold\": 10}]}",
                i -> "1"));
        files.put("valid: distinct zone ranges in a block", fill(HEAD
                + "\"cycle\": [{\"each\": \"up\", \"steps\": [{\"fill\": [", "], \"hold\": 1}]}]}",
                i -> "\"zone-" + (i % 999 + 1) + "-zone+" + (i / 999 % 999 + 1) + "\""));
        files.put("valid: many steps", fill(HEAD + "\"cycle\": [", "]}", i -> i < 1000 ? "{\"hold\": 1}" : null));
        return files;
    }

    /** {@code depth} nested lists around as many {@code value}s as fit. */
    static String nested(int depth, String value) {
        return fill("[".repeat(depth), "]".repeat(depth), i -> value);
    }

    /**
     * {@code head}, then items joined by commas while they fit (or until {@code item} gives
     * null), then {@code tail}; at most {@link ProgramFormat#MAX_BYTES} in all.
     */
    static String fill(String head, String tail, IntFunction<String> item) {
        StringBuilder text = new StringBuilder(head);
        int room = ProgramFormat.MAX_BYTES - head.length() - tail.length();
        for (int i = 0; ; i++) {
            String next = item.apply(i);
            if (next == null || text.length() - head.length() + next.length() + 1 > room) {
                break;
            }
            text.append(i == 0 ? "" : ",").append(next);
        }
        return text.append(tail).toString();
    }
}
