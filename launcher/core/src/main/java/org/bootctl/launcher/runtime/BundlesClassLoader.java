package org.bootctl.launcher.runtime;

import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import org.osgi.framework.Bundle;

/**
 * Classes and resources of some bundles, as one class loader: the context class loader for
 * libraries that look up their plug-ins through it (JLine's terminal providers) while their
 * bundles start. JDK classes come first.
 */
final class BundlesClassLoader extends ClassLoader {

    private final List<Bundle> bundles;

    BundlesClassLoader(List<Bundle> bundles) {
        super("bootctl-bundles", ClassLoader.getPlatformClassLoader());
        this.bundles = List.copyOf(bundles);
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        for (Bundle bundle : bundles) {
            try {
                return bundle.loadClass(name);
            } catch (ClassNotFoundException | IllegalStateException notThere) {
                // the next bundle
            }
        }
        throw new ClassNotFoundException(name);
    }

    @Override
    protected URL findResource(String name) {
        for (Bundle bundle : bundles) {
            URL url = bundle.getResource(name);
            if (url != null) {
                return url;
            }
        }
        return null;
    }

    @Override
    protected Enumeration<URL> findResources(String name) throws IOException {
        List<URL> urls = new ArrayList<>();
        for (Bundle bundle : bundles) {
            Enumeration<URL> found = bundle.getResources(name);
            if (found != null) {
                urls.addAll(Collections.list(found));
            }
        }
        return Collections.enumeration(urls);
    }
}
