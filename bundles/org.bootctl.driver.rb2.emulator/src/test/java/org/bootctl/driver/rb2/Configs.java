package org.bootctl.driver.rb2;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Map;

/** A component property type (an annotation) with some values set, the rest at their defaults, as DS makes it. */
public final class Configs {

    private Configs() {
    }

    @SuppressWarnings("unchecked")
    public static <A> A of(Class<A> type, Map<String, Object> values) {
        return (A) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (method.getName().equals("annotationType")) {
                return type;
            }
            if (method.getDeclaringClass() == Object.class) {
                return objectMethod(proxy, method, args);
            }
            return values.containsKey(method.getName()) ? values.get(method.getName()) : method.getDefaultValue();
        });
    }

    private static Object objectMethod(Object proxy, Method method, Object[] args) {
        return switch (method.getName()) {
            case "equals" -> proxy == args[0];
            case "hashCode" -> System.identityHashCode(proxy);
            default -> "config";
        };
    }
}
