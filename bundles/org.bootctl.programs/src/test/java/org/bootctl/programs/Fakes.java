package org.bootctl.programs;

import java.lang.reflect.Proxy;
import java.util.Map;
import org.bootctl.api.program.Program;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;

/** Stand-ins for the framework's objects that the library's bundle-program tests hand it. */
final class Fakes {

    private Fakes() {
    }

    /** An object of {@code type} that answers the named methods with these values (and equals by identity). */
    static Object fake(Class<?> type, Map<String, Object> answers) {
        return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (p, m, a) -> {
            if (m.getName().equals("equals")) {
                return p == a[0];
            }
            if (!answers.containsKey(m.getName())) {
                throw new UnsupportedOperationException(m.getName());
            }
            return answers.get(m.getName());
        });
    }

    /**
     * A program's service reference from {@code bundle}: every property reads the service id (so no
     * id property and no ranking: the bundle names the program until it describes itself).
     */
    @SuppressWarnings("unchecked")
    static ServiceReference<Program> reference(long serviceId, String bundle) {
        Bundle b = (Bundle) fake(Bundle.class, Map.of("getSymbolicName", bundle));
        return (ServiceReference<Program>) fake(ServiceReference.class, Map.of("getBundle", b,
                "getProperty", serviceId));
    }
}
