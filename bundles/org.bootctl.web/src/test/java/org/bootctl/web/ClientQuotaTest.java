package org.bootctl.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ClientQuotaTest {

    @Test
    void eachClientHoldsItsShareAndGetsPlacesBack() {
        ClientQuota quota = new ClientQuota(2);
        assertTrue(quota.tryOpen("a"));
        assertTrue(quota.tryOpen("a"));
        assertFalse(quota.tryOpen("a"), "a third stream of one client");
        assertTrue(quota.tryOpen("b"), "another client is not held back by a");
        quota.closed("a");
        assertEquals(1, quota.open("a"));
        assertTrue(quota.tryOpen("a"));
        quota.closed("a");
        quota.closed("a");
        assertEquals(0, quota.open("a"));
        quota.closed("a"); // more ends than starts never goes negative
        assertTrue(quota.tryOpen("a") && quota.tryOpen("a") && !quota.tryOpen("a"));
    }

    @Test
    void zeroMeansNoLimitPerClient() {
        ClientQuota quota = new ClientQuota(0);
        for (int i = 0; i < 1000; i++) {
            assertTrue(quota.tryOpen("a"));
        }
        assertEquals(0, quota.open("a"));
    }
}
