package org.bootctl.launcher.feature;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One configuration of a feature, variables substituted.
 *
 * @param key        as written: {@code pid}, or {@code factoryPid~name} for a factory configuration
 * @param pid        the PID of a plain configuration, or null
 * @param factoryPid the factory PID of a factory configuration, or null
 * @param name       the factory configuration's name, or null
 * @param properties values as ConfigurationAdmin takes them: String, Long, Double, Boolean, or arrays of those
 */
public record FeatureConfiguration(String key, String pid, String factoryPid, String name,
                                   Map<String, Object> properties) {

    public FeatureConfiguration {
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    public static FeatureConfiguration of(String key, Map<String, Object> properties) {
        int tilde = key.indexOf('~');
        return tilde < 0
                ? new FeatureConfiguration(key, key, null, null, properties)
                : new FeatureConfiguration(key, null, key.substring(0, tilde), key.substring(tilde + 1), properties);
    }

    public boolean factory() {
        return factoryPid != null;
    }

    /** The PID a component names to receive it: the PID, or the factory PID. */
    public String componentPid() {
        return factory() ? factoryPid : pid;
    }
}
