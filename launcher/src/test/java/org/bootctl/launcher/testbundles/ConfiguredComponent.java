package org.bootctl.launcher.testbundles;

import java.util.Map;

/**
 * A DS component for tests, packed into a bundle by TestBundles: takes a required configuration
 * and refuses {@code value=bad} in activate, as a simulator refuses a mistyped fault spec.
 */
public class ConfiguredComponent {

    public void activate(Map<String, Object> properties) {
        if ("bad".equals(properties.get("value"))) {
            throw new IllegalArgumentException("test component: value 'bad' is not allowed");
        }
    }
}
