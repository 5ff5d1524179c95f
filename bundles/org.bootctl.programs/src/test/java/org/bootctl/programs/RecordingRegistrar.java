package org.bootctl.programs;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bootctl.api.program.Program;

/** A registrar that keeps what is registered, by id, and a log of every registration and unregistration. */
final class RecordingRegistrar implements Registrar {

    final Map<String, Program> registered = new ConcurrentHashMap<>();
    final List<String> log = new CopyOnWriteArrayList<>();

    @Override
    public Registration register(Program program, String source, String location) {
        String id = program.info().id();
        if (registered.putIfAbsent(id, program) != null) {
            throw new AssertionError("registered twice: " + id);
        }
        log.add("+" + id + " " + program.info().version() + " " + source);
        AtomicBoolean done = new AtomicBoolean();
        return () -> {
            if (done.compareAndSet(false, true)) {
                registered.remove(id, program);
                log.add("-" + id + " " + program.info().version());
            }
        };
    }

    /** The version of the registered program {@code id}, or null. */
    String version(String id) {
        Program program = registered.get(id);
        return program == null ? null : program.info().version();
    }
}
