package org.bootctl.engine;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.bootctl.api.program.Program;
import org.bootctl.api.program.ProgramInfo;

/**
 * The Program services (whiteboard) that can be chosen now, by id. Where two share an id the one
 * with the higher service ranking wins (then the older service).
 */
final class ProgramRegistry {

    static final String PROGRAM_ID = "bootctl.program.id";
    private static final System.Logger LOG = System.getLogger(ProgramRegistry.class.getName());

    private record Entry(Program program, String id, int ranking, long serviceId) {
    }

    private static final Comparator<Entry> PREFERRED = Comparator.comparingInt(Entry::ranking).reversed()
            .thenComparingLong(Entry::serviceId);

    private final Map<Program, Entry> entries = new ConcurrentHashMap<>();

    void add(Program program, Map<String, ?> properties) {
        String id = properties.get(PROGRAM_ID) instanceof String s && !s.isBlank() ? s : idOf(program);
        if (id == null) {
            LOG.log(Level.WARNING, "a program service without an id was ignored: " + program);
            return;
        }
        int ranking = properties.get("service.ranking") instanceof Integer r ? r : 0;
        long serviceId = properties.get("service.id") instanceof Long l ? l : Long.MAX_VALUE;
        entries.put(program, new Entry(program, id, ranking, serviceId));
    }

    void remove(Program program) {
        entries.remove(program);
    }

    Optional<Program> find(String id) {
        return entries.values().stream().filter(e -> e.id().equals(id)).min(PREFERRED).map(Entry::program);
    }

    /** What each id's program says of itself, sorted by id; programs that fail to say are left out. */
    List<ProgramInfo> infos() {
        Map<String, Entry> chosen = new TreeMap<>();
        for (Entry e : entries.values()) {
            chosen.merge(e.id(), e, (a, b) -> PREFERRED.compare(a, b) <= 0 ? a : b);
        }
        List<ProgramInfo> infos = new ArrayList<>();
        for (Entry e : chosen.values()) {
            try {
                ProgramInfo info = e.program().info();
                if (info != null) {
                    infos.add(info);
                }
            } catch (RuntimeException | LinkageError ex) {
                LOG.log(Level.WARNING, "program " + e.id() + " failed to describe itself: " + ex);
            }
        }
        return infos;
    }

    private static String idOf(Program program) {
        try {
            ProgramInfo info = program.info();
            return info == null ? null : info.id();
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }
}
