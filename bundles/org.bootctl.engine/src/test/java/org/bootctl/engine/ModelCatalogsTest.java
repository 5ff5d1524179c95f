package org.bootctl.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.bootctl.api.device.ModelCatalog;
import org.bootctl.api.device.ModelDescription;
import org.bootctl.api.device.ModelRegistry;
import org.bootctl.api.device.RegulationMode;
import org.junit.jupiter.api.Test;

/** The engine's registry of described models: collection, precedence, removal and hostile catalogues. */
class ModelCatalogsTest {

    private static ModelDescription model(String id, int zones, double hardLimit) {
        List<String> names = new ArrayList<>();
        for (int z = 1; z <= zones; z++) {
            names.add("zone " + z);
        }
        return ModelDescription.builder(id).zones(names).hardLimitMmHg(hardLimit).build();
    }

    private static Map<String, Object> service(long id, int ranking) {
        return Map.of("service.id", id, "service.ranking", ranking);
    }

    private final ModelCatalogs registry = new ModelCatalogs();

    @Test
    void listsEveryCataloguesModelsInTheirOrderAndFindsThemIgnoringCase() {
        ModelCatalog builtIn = () -> List.of(model("RB2-L5", 5, 130), model("RB1-L4", 4, 120));
        ModelCatalog acme = () -> List.of(model("ACME-X6", 6, 130));
        registry.addCatalog(builtIn, service(1, 0));
        registry.addCatalog(acme, service(2, 0));

        assertEquals(List.of("RB2-L5", "RB1-L4", "ACME-X6"), registry.models().stream().map(ModelDescription::model).toList());
        assertEquals(6, registry.find("acme-x6").orElseThrow().zones());
        assertTrue(registry.find("ACME-X7").isEmpty());
        assertTrue(registry.find(null).isEmpty());

        registry.removeCatalog(acme);
        assertTrue(registry.find("ACME-X6").isEmpty(), "a catalogue's models leave with it");
        assertEquals(2, registry.models().size());
    }

    @Test
    void whereTwoDescribeOneModelTheHigherRankingThenTheOlderWins() {
        ModelDescription older = model("X", 4, 120);
        ModelDescription newer = model("x", 5, 130);
        ModelDescription ranked = model("X", 6, 110);
        registry.addCatalog(() -> List.of(newer), service(9, 0));
        registry.addCatalog(() -> List.of(older), service(3, 0));
        assertSame(older, registry.find("X").orElseThrow());
        assertEquals(List.of(older), registry.models());

        registry.addCatalog(() -> List.of(ranked), service(12, 5));
        assertSame(ranked, registry.find("x").orElseThrow());
        assertEquals(List.of(ranked), registry.models());
    }

    @Test
    void aCatalogueThatFailsFloodsOrHangsIsIgnoredWhole() {
        registry.addCatalog(() -> {
            throw new IllegalStateException("broken");
        }, service(1, 0));
        registry.addCatalog(() -> null, service(2, 0));
        List<ModelDescription> flood = new ArrayList<>(Collections.nCopies(ModelRegistry.MAX_MODELS, model("F", 2, 100)));
        flood.add(model("G", 2, 100));
        registry.addCatalog(() -> flood, service(3, 0));
        List<ModelDescription> withNull = new ArrayList<>();
        withNull.add(null);
        withNull.add(model("OK", 3, 100));
        registry.addCatalog(() -> withNull, service(4, 0));
        java.util.concurrent.CountDownLatch never = new java.util.concurrent.CountDownLatch(1);
        registry.addCatalog(() -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return List.of(model("HANG", 2, 100));
        }, service(5, 0));

        assertEquals(List.of("OK"), registry.models().stream().map(ModelDescription::model).toList());
    }

    @Test
    void aCatalogueWhoseListHangsOrNeverEndsHoldsNoRegisteringThreadAndIsIgnoredWhole() {
        java.util.concurrent.CountDownLatch never = new java.util.concurrent.CountDownLatch(1);
        List<ModelDescription> sizeHangs = new java.util.AbstractList<>() {
            @Override
            public ModelDescription get(int index) {
                return model("SIZE", 2, 100);
            }

            @Override
            public int size() {
                try {
                    never.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return 1;
            }
        };
        List<ModelDescription> endless = new java.util.AbstractSequentialList<>() {
            @Override
            public java.util.ListIterator<ModelDescription> listIterator(int index) {
                throw new UnsupportedOperationException("only its endless iterator()");
            }

            @Override
            public java.util.Iterator<ModelDescription> iterator() {
                return java.util.stream.Stream.generate(() -> model("ENDLESS", 2, 100)).iterator();
            }

            @Override
            public int size() {
                return 1;
            }
        };
        try {
            org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(20), () -> {
                registry.addCatalog(() -> sizeHangs, service(1, 0));
                registry.addCatalog(() -> endless, service(2, 0));
                registry.addCatalog(() -> List.of(model("OK", 3, 100)), service(3, 0));
            }, "adding the catalogues returns");
            assertEquals(List.of("OK"), registry.models().stream().map(ModelDescription::model).toList());
        } finally {
            never.countDown();
        }
    }

    @org.junit.jupiter.api.AfterEach
    void close() {
        registry.deactivate();
    }

    @Test
    void aDescriptionIsCheckedAsItIsBuilt() {
        assertThrows(IllegalArgumentException.class, () -> ModelDescription.builder("NOZONES").hardLimitMmHg(100).build());
        IllegalArgumentException limit = assertThrows(IllegalArgumentException.class,
                () -> ModelDescription.builder("HOT").zones("foot").hardLimitMmHg(400).build());
        assertEquals("model 'HOT': the hard limit must be above 0 and at most 300 mmHg, not 400.0", limit.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> model("MANY", ModelDescription.MAX_ZONES + 1, 100));
        assertThrows(IllegalArgumentException.class,
                () -> ModelDescription.builder("BLANK").zones("foot", " ").hardLimitMmHg(100).build());
        ModelDescription rb1 = ModelDescription.builder("RB1-L4").zones("foot", "calf", "knee", "thigh")
                .hardLimitMmHg(120).regulation(RegulationMode.DEVICE).pressurePerLimb(false).defaultRateHz(10).build();
        assertEquals(List.of("Z1", "Z2", "Z3", "Z4"), rb1.channels().stream().map(c -> c.id()).toList());
        assertTrue(rb1.fillSeconds().isEmpty());
        assertEquals(8, model("TWO", 4, 100).channels().size(), "two limbs with a pressure each by default");
    }
}
