package org.bootctl.api.device;

import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * The models a driver (or the simulator) knows, published as a whiteboard service: register one
 * per bundle, e.g. a Declarative Services component
 * <pre>{@code
 * @Component(service = ModelCatalog.class)
 * public final class AcmeModels implements ModelCatalog {
 *     public List<ModelDescription> models() { return List.of(X6); }
 * }
 * }</pre>
 * It needs no configuration and must open no device: it is what {@code bootctl validate},
 * {@code plot} and {@code programs} see of a driver, beside a controller that holds its ports.
 * The engine collects every catalogue while it is registered ({@link ModelRegistry}); when two
 * describe the same model id, the catalogue of the highest service ranking (then the oldest) wins.
 *
 * <p>Implemented by drivers; called by bootctl on any thread, at any time.
 */
@ConsumerType
public interface ModelCatalog {

    /**
     * The models this catalogue describes.
     *
     * @return the same descriptions every time, quickly (no I/O, no waiting); not null. A list that
     *         cannot be read, or one with more than {@link ModelRegistry#MAX_MODELS} models, is ignored whole
     */
    List<ModelDescription> models();
}
