package org.bootctl.engine;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.LinkedHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.bootctl.api.device.ModelCatalog;
import org.bootctl.api.device.ModelDescription;
import org.bootctl.api.device.ModelRegistry;
import org.bootctl.engine.dispatch.Identity;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The models every {@link ModelCatalog} service (whiteboard) describes, read once as each comes.
 * Where two describe one model id (ignoring case), the catalogue of the higher service ranking
 * wins, then the older service. A catalogue that fails, returns null or too many models, or does
 * not answer within {@link #READ_MILLIS}, is ignored whole, with one log line: it is read on a
 * thread of its own, so a catalogue that hangs never holds the framework's thread that registered it.
 */
@Component(service = ModelRegistry.class)
public final class ModelCatalogs implements ModelRegistry {

    private static final System.Logger LOG = System.getLogger(ModelCatalogs.class.getName());

    private record Entry(List<ModelDescription> models, int ranking, long serviceId) {
    }

    private static final Comparator<Entry> PREFERRED = Comparator.comparingInt(Entry::ranking).reversed()
            .thenComparingLong(Entry::serviceId);

    /** How long a catalogue may take to list its models (it should answer from memory at once). */
    static final long READ_MILLIS = 1000;

    /** By the catalogue's identity, never its own equals and hashCode (a plugin's code). */
    private final Map<Identity<ModelCatalog>, Entry> catalogs = new ConcurrentHashMap<>();
    private final ExecutorService reader = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "bootctl-model-catalog");
        thread.setDaemon(true);
        return thread;
    });

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addCatalog(ModelCatalog catalog, Map<String, ?> properties) {
        List<ModelDescription> models = read(catalog);
        if (models != null) {
            int ranking = properties.get(Constants.SERVICE_RANKING) instanceof Integer r ? r : 0;
            long serviceId = properties.get(Constants.SERVICE_ID) instanceof Long l ? l : Long.MAX_VALUE;
            catalogs.put(Identity.of(catalog), new Entry(models, ranking, serviceId));
        }
    }

    void removeCatalog(ModelCatalog catalog) {
        catalogs.remove(Identity.of(catalog));
    }

    @Deactivate
    void deactivate() {
        reader.shutdownNow();
    }

    private List<ModelDescription> read(ModelCatalog catalog) {
        // the catalogue's list is its code too (its size, its iterator): copied on the reader's thread, within the bound
        Future<List<ModelDescription>> answer = reader.submit(() -> copy(catalog.models()));
        try {
            List<ModelDescription> models = answer.get(READ_MILLIS, TimeUnit.MILLISECONDS);
            if (models == null) {
                LOG.log(Level.WARNING, "a model catalogue was ignored: it gave no list (" + catalog.getClass().getName() + ")");
            }
            return models;
        } catch (ExecutionException | RuntimeException e) {
            LOG.log(Level.WARNING, "a model catalogue was ignored: it failed to list its models ("
                    + catalog.getClass().getName() + "): " + (e instanceof ExecutionException ? e.getCause() : e));
            return null;
        } catch (TimeoutException e) {
            answer.cancel(true);
            LOG.log(Level.WARNING, "a model catalogue was ignored: it did not list its models within " + READ_MILLIS
                    + " ms (" + catalog.getClass().getName() + ")");
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** The models of a catalogue's list, nulls left out; null for no list. */
    private static List<ModelDescription> copy(List<ModelDescription> models) {
        if (models == null) {
            return null;
        }
        List<ModelDescription> copy = new ArrayList<>();
        int given = 0;
        for (ModelDescription m : models) { // at most MAX_MODELS + 1 steps, however long the list says it is
            if (++given > MAX_MODELS) {
                throw new IllegalStateException("it gave more than " + MAX_MODELS + " models");
            }
            if (m != null) {
                copy.add(m);
            }
        }
        return List.copyOf(copy);
    }

    @Override
    public List<ModelDescription> models() {
        Map<String, ModelDescription> chosen = new LinkedHashMap<>();
        catalogs.values().stream().sorted(PREFERRED)
                .forEach(entry -> entry.models().forEach(m -> chosen.putIfAbsent(m.model().toUpperCase(Locale.ROOT), m)));
        return List.copyOf(new ArrayList<>(chosen.values()));
    }

    @Override
    public Optional<ModelDescription> find(String model) {
        if (model == null) {
            return Optional.empty();
        }
        return catalogs.values().stream().sorted(PREFERRED)
                .flatMap(entry -> entry.models().stream()).filter(m -> m.is(model)).findFirst();
    }
}
