package org.bootctl.engine.dispatch;

/**
 * A plugin's service object as a map key, by identity: never by its own equals and hashCode, which
 * are the plugin's code (a record's change with its fields, a hostile one may throw), so that what
 * came is found again when it goes.
 *
 * @param <T> the service type
 */
public final class Identity<T> {

    private final T of;

    private Identity(T of) {
        this.of = of;
    }

    public static <T> Identity<T> of(T service) {
        return new Identity<>(service);
    }

    public T service() {
        return of;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Identity<?> other && other.of == of;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(of);
    }
}
