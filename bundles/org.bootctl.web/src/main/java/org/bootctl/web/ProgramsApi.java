package org.bootctl.web;

import java.nio.file.FileAlreadyExistsException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bootctl.api.audit.AuditEvent;
import org.bootctl.api.program.Plan;
import org.bootctl.api.program.ProgramEntry;
import org.bootctl.api.program.ProgramFormatException;
import org.bootctl.api.program.ProgramInfo;
import org.bootctl.api.program.ProgramLibrary;
import org.bootctl.api.program.Settings;
import org.bootctl.api.session.DeviceStatus;
import org.bootctl.api.session.SessionException;
import org.bootctl.web.contract.InvalidProgram;
import org.bootctl.web.contract.Views.ErrorView;
import org.bootctl.web.contract.Views.ProgramView;
import org.bootctl.web.contract.Views;

/** {@code /api/programs}: list, one program, its plan preview, and upload and delete of user programs. */
final class ProgramsApi {

    private final Backend backend;

    ProgramsApi(Backend backend) {
        this.backend = backend;
    }

    void routes(Router router) {
        router.add("GET", "/programs", r -> Reply.ok(list()))
                .add("GET", "/programs/{id}", r -> Reply.ok(program(r.param("id"))))
                .add("GET", "/programs/{id}/plan", this::plan)
                .add("POST", "/programs", this::upload)
                .add("DELETE", "/programs/{id}", this::delete)
                .add("GET", "/levels", r -> Reply.ok(levels()));
    }

    /** The intensity levels and the session cap of each: the one table (Settings), for every UI. */
    static List<Views.LevelView> levels() {
        List<Double> caps = Settings.levelsMmHg();
        return java.util.stream.IntStream.rangeClosed(1, caps.size())
                .mapToObj(level -> new Views.LevelView(level, caps.get(level - 1))).toList();
    }

    /** The library's entries (valid or not), and the registered programs it does not list, by id. */
    private Map<String, ProgramView> all() {
        Map<String, ProgramView> programs = new LinkedHashMap<>();
        ProgramLibrary library = backend.libraryOrNull();
        if (library != null) {
            // of entries sharing an id, the valid one (the program that runs, e.g. a programs/ file over a fleet one)
            library.entries().forEach(e -> programs.merge(e.id(), ProgramView.of(e),
                    (kept, other) -> kept.valid() || !other.valid() ? kept : other));
        }
        try {
            for (ProgramInfo info : backend.sessions().programs()) {
                programs.putIfAbsent(info.id(), ProgramView.of(info));
            }
        } catch (ApiError engineAbsent) {
            if (library == null) {
                throw engineAbsent;
            }
        }
        return programs;
    }

    /**
     * Every program, valid or not: of each id the one {@code /api/programs/{id}} answers with first
     * (the valid one, which runs), then any other file or bundle that claims the id and is listed
     * invalid for it (a file that clashes with a built-in): hiding those hid why a file does nothing.
     */
    private List<ProgramView> list() {
        Map<String, ProgramView> chosen = all();
        List<ProgramView> list = new java.util.ArrayList<>(chosen.values());
        ProgramLibrary library = backend.libraryOrNull();
        if (library != null) {
            library.entries().stream().filter(e -> !e.valid()).map(ProgramView::of)
                    .filter(view -> !view.equals(chosen.get(view.id()))).forEach(list::add);
        }
        return list;
    }

    private ProgramView program(String id) {
        ProgramView program = all().get(id);
        if (program == null) {
            throw ApiError.notFound("no program '" + id + "'");
        }
        return program;
    }

    /**
     * Why a program the engine does not have cannot be chosen, when the library lists it as
     * invalid (and lists no valid one of that id): 400 naming its file and its first error; null otherwise.
     */
    static ApiError notValid(Backend backend, String id) {
        return InvalidProgram.of(backend.libraryOrNull(), id)
                .map(invalid -> new ApiError(400, invalid.message(), invalid.errors())).orElse(null);
    }

    private Reply plan(ApiRequest r) throws Exception {
        PlanQuery query = PlanQuery.parse(r.query());
        DeviceStatus device = backend.sessions().device(query.device())
                .orElseThrow(() -> ApiError.notFound("no device '" + query.device() + "'"));
        Plan plan;
        try {
            plan = backend.sessions().preview(query.device(), r.param("id"), query.settings());
        } catch (SessionException e) {
            ApiError invalid = e.reason() == SessionException.Reason.NOT_FOUND ? notValid(backend, r.param("id")) : null;
            throw invalid != null ? invalid : e;
        }
        return Reply.ok(Views.PlanView.of(plan, device.description(), query.settings()));
    }

    private Reply upload(ApiRequest r) throws Exception {
        ProgramLibrary library = backend.library();
        try {
            ProgramEntry saved = library.save(r.body());
            backend.audit(new AuditEvent(AuditEvent.PROGRAM_INSTALLED, AuditEvent.web(r.clientAddress()), saved.id(),
                    saved.info() == null || saved.info().version() == null ? Map.of()
                            : Map.of("version", saved.info().version())));
            return Reply.created(ProgramView.of(saved), "/api/programs/" + saved.id());
        } catch (ProgramFormatException e) {
            throw new ApiError(400, e.getMessage(), e.errors().stream().map(ErrorView::of).toList());
        } catch (FileAlreadyExistsException e) {
            // its file holds another program (a file's name need not be its id): never overwritten
            throw new ApiError(409, e.getReason() != null ? e.getReason() : "the program's file exists: " + e.getFile());
        }
    }

    private Reply delete(ApiRequest r) throws Exception {
        String id = r.param("id");
        ProgramLibrary library = backend.library();
        // a file may share its id with a built-in (listed, refused): it is the one to delete
        ProgramEntry entry = library.entries().stream().filter(e -> e.id().equals(id))
                .min(Comparator.comparing((ProgramEntry e) -> !"file".equals(e.source()))).orElse(null);
        if (entry != null && !"file".equals(entry.source())) {
            throw new ApiError(409, "program '" + id + "' is " + entry.source() + "; only user programs can be deleted");
        }
        if (!library.delete(id)) {
            throw ApiError.notFound("no user program '" + id + "'");
        }
        backend.audit(new AuditEvent(AuditEvent.PROGRAM_REMOVED, AuditEvent.web(r.clientAddress()), id));
        return Reply.noContent();
    }
}
