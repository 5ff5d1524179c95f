package org.bootctl.api.device;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Every boot model the present drivers describe, from all {@link ModelCatalog} services: what the
 * command line, the UIs and the simulator accept as a model. A service of the engine.
 *
 * <p>Implemented by bootctl; thread-safe; answers from memory.
 */
@ProviderType
public interface ModelRegistry {

    /** The most models one catalogue may describe; a larger one is ignored. */
    int MAX_MODELS = 256;

    /**
     * Every model described now, one per id (ids compared ignoring case).
     *
     * @return catalogue by catalogue (the highest service ranking first, then the oldest), each
     *         in its own order; unmodifiable
     */
    List<ModelDescription> models();

    /**
     * The description of one model.
     *
     * @param model a model id, matched ignoring case; may be null
     * @return the model, or empty when no present catalogue describes it
     */
    Optional<ModelDescription> find(String model);
}
