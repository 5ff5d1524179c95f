package org.bootctl.launcher.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bootctl.launcher.Distribution;
import org.bootctl.launcher.feature.FeatureBundle;

/**
 * Distributions for tests: the real one the build collected (target/bootctl, before the test
 * phase), or a scratch one in a temporary folder holding only the bundles and features a test
 * puts there.
 */
public final class TestDistribution {

    public static final String CONFIGADMIN = "org.apache.felix:org.apache.felix.configadmin:1.9.26";
    public static final String SCR = "org.apache.felix:org.apache.felix.scr:2.2.18";

    private final Distribution distribution;

    private TestDistribution(Distribution distribution) {
        this.distribution = distribution;
    }

    /** The distribution the build collected, as bin/bootctl would see it. */
    public static Distribution real() {
        String home = System.getProperty(Distribution.HOME);
        if (home == null) {
            throw new IllegalStateException("run the tests through Maven: it sets " + Distribution.HOME);
        }
        Distribution distribution = Distribution.of(Path.of(home));
        if (!Files.isDirectory(distribution.bundles())) {
            throw new IllegalStateException("no bundles in " + distribution.bundles() + ": run mvn verify");
        }
        return distribution;
    }

    /** An empty distribution in {@code folder}: bundles/ and features/. */
    public static TestDistribution scratch(Path folder) throws IOException {
        Distribution distribution = Distribution.of(folder);
        Files.createDirectories(distribution.bundles());
        Files.createDirectories(distribution.features());
        return new TestDistribution(distribution);
    }

    public Distribution distribution() {
        return distribution;
    }

    /** Copies a bundle of the real distribution here, by Maven id. */
    public TestDistribution withRealBundle(String id) throws IOException {
        FeatureBundle bundle = bundle(id);
        Path target = distribution.bundleFile(bundle);
        Files.createDirectories(target.getParent());
        Files.copy(real().bundleFile(bundle), target);
        return this;
    }

    /** Where a bundle of this Maven id belongs here. */
    public Path bundlePath(String id) {
        return distribution.bundleFile(bundle(id));
    }

    /** Writes {@code features/NAME.json}. */
    public Path feature(String name, String json) throws IOException {
        return Files.writeString(distribution.features().resolve(name + ".json"), json, StandardCharsets.UTF_8);
    }

    private static FeatureBundle bundle(String id) {
        String[] parts = id.split(":");
        return new FeatureBundle(id, parts[0], parts[1], parts[2], FeatureBundle.LAST, false, false);
    }
}
