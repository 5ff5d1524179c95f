package org.bootctl.launcher.testbundles;

import java.util.List;
import org.bootctl.api.device.ModelCatalog;
import org.bootctl.api.device.ModelDescription;
import org.bootctl.api.device.RegulationMode;

/**
 * A third party's model catalogue for tests, packed into a bundle by {@link AcmeBundle}: one
 * 6-zone leg boot nobody else describes, as the integrator wrote for ACME-X6.
 */
public class AcmeModels implements ModelCatalog {

    static final ModelDescription X6 = ModelDescription.builder("ACME-X6")
            .zones("foot", "ankle", "calf", "knee", "lower thigh", "upper thigh")
            .limbs(2).hardLimitMmHg(130).regulation(RegulationMode.HOST).fillSeconds(5)
            .build();

    @Override
    public List<ModelDescription> models() {
        return List.of(X6);
    }
}
