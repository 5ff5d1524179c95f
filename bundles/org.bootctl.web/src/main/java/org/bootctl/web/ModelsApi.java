package org.bootctl.web;

import org.bootctl.web.contract.Views;

/**
 * {@code /api/models}: every boot model the present drivers describe (the simulator's, the
 * drivers', a driver's in {@code deploy/}), and one by id (ignoring case).
 */
final class ModelsApi {

    private final Backend backend;

    ModelsApi(Backend backend) {
        this.backend = backend;
    }

    void routes(Router router) {
        router.add("GET", "/models", r -> Reply.ok(backend.models().models().stream().map(Views.ModelView::of).toList()))
                .add("GET", "/models/{id}", r -> Reply.ok(Views.ModelView.of(backend.models().find(r.param("id"))
                        .orElseThrow(() -> ApiError.notFound("no model '" + r.param("id") + "' is described")))));
    }
}
