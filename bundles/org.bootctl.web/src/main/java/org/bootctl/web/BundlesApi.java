package org.bootctl.web;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import org.osgi.framework.Bundle;

/**
 * {@code GET /api/bundles}: the modules of the running controller, for the "About / modules" view
 * and for whoever deploys bundles. An admin read: with a token set it needs the token (RequestGuard).
 */
final class BundlesApi {

    /** One bundle as the API shows it; {@code location} is where it was installed from. */
    record BundleView(long id, String symbolicName, String version, String state, String location) {

        static BundleView of(long id, String symbolicName, String version, int state, String location) {
            return new BundleView(id, symbolicName, version, BundlesApi.state(state), location);
        }
    }

    private final Supplier<Bundle[]> bundles;

    BundlesApi(Supplier<Bundle[]> bundles) {
        this.bundles = bundles;
    }

    void routes(Router router) {
        router.add("GET", "/bundles", r -> Reply.ok(list(bundles.get())));
    }

    static List<BundleView> list(Bundle[] bundles) {
        return Arrays.stream(bundles)
                .sorted(Comparator.comparingLong(Bundle::getBundleId))
                .map(b -> BundleView.of(b.getBundleId(), b.getSymbolicName(), b.getVersion().toString(), b.getState(),
                        b.getLocation()))
                .toList();
    }

    /** The state as a word; UNINSTALLED only for a bundle that went while the list was made. */
    static String state(int state) {
        return switch (state) {
            case Bundle.ACTIVE -> "ACTIVE";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.UNINSTALLED -> "UNINSTALLED";
            default -> "UNKNOWN";
        };
    }
}
