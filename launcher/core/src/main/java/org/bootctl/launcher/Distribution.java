package org.bootctl.launcher;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.bootctl.launcher.feature.FeatureBundle;

/**
 * Where this installation keeps its parts: {@code bundles/} (every runtime bundle, in Maven
 * repository layout, collected at build time) and {@code features/}. Nothing is ever fetched
 * from the network at run time.
 *
 * @param home     the distribution folder ({@code bin/ lib/ tools/ bundles/ features/})
 * @param bundles  bundle jars by Maven id: {@code group/path/artifact/version/artifact-version.jar}
 * @param features feature files, {@code NAME.json}
 */
public record Distribution(Path home, Path bundles, Path features) {

    /** System property: the distribution folder; bin/bootctl sets it. */
    public static final String HOME = "bootctl.home";
    /** System property: a features folder instead of the distribution's own (./bootctl points it at the sources). */
    public static final String FEATURES = "bootctl.features";

    public static Distribution of(Path home) {
        Path absolute = home.toAbsolutePath().normalize();
        return new Distribution(absolute, absolute.resolve("bundles"), absolute.resolve("features"));
    }

    /** The distribution this launcher runs from, as bin/bootctl (or a test) describes it. */
    public static Distribution current() {
        String home = System.getProperty(HOME);
        Distribution distribution = of(home != null ? Paths.get(home) : guessHome());
        String features = System.getProperty(FEATURES);
        return features == null || features.isBlank()
                ? distribution
                : distribution.withFeatures(Paths.get(features).toAbsolutePath().normalize());
    }

    public Distribution withFeatures(Path folder) {
        return new Distribution(home, bundles, folder);
    }

    public Distribution withBundles(Path folder) {
        return new Distribution(home, folder, features);
    }

    /** The tools' jars (the bench, plot, emulate): read only when a tool command runs, never on lib/. */
    public Path tools() {
        return home.resolve("tools");
    }

    /** Where a bundle of a feature is, whether or not it is there. */
    public Path bundleFile(FeatureBundle bundle) {
        return bundles.resolve(bundle.repositoryPath());
    }

    /**
     * Started without bin/bootctl: lib/'s launcher jar sits in the home; from a build's
     * launcher/core/target/classes, the home is the distribution launcher/target/bootctl.
     */
    private static Path guessHome() {
        try {
            Path code = Paths.get(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path parent = code.getParent();
            if (Files.isRegularFile(code) && parent != null && parent.getFileName().toString().equals("lib")) {
                return parent.getParent();
            }
            return parent.getParent().getParent().resolve("target").resolve("bootctl");
        } catch (URISyntaxException | RuntimeException e) {
            return Paths.get(".");
        }
    }
}
