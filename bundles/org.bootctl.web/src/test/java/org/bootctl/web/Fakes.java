package org.bootctl.web;

import java.lang.reflect.Proxy;
import java.util.Map;

/** Test fakes of interfaces (servlet requests, services, configurations) without a mocking library. */
final class Fakes {

    private Fakes() {
    }

    /** What a fake method answers, given its arguments; it may throw what the method declares. */
    @FunctionalInterface
    interface Answer {
        Object apply(Object[] args) throws Exception;
    }

    /** An interface answering the named methods; any other call fails the test. */
    @SuppressWarnings("unchecked")
    static <T> T fake(Class<T> type, Map<String, Answer> answers) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, m, args) -> {
            Answer answer = answers.get(m.getName());
            if (answer == null) {
                throw new UnsupportedOperationException(type.getSimpleName() + "." + m.getName() + " in a test fake");
            }
            return answer.apply(args == null ? new Object[0] : args);
        });
    }
}
