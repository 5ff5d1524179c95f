package org.bootctl.deploy.folder;

/**
 * A text from a bundle or a plugin cut for a line of a log or an audit record: a jar may name itself
 * in megabytes (the JDK reads manifests of up to 16 MB). Shared by the deploy guard and the audit
 * bundle, which embeds this package as a private copy (as {@link DeployFolder}).
 */
public final class LineText {

    private LineText() {
    }

    /**
     * {@code text}, or its first {@code max} characters (a character pair never split) and how many
     * more there were; null stays null.
     */
    public static String clip(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end) + "… (" + (text.length() - end) + " more characters)";
    }
}
