package org.bootctl.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Reconnect delays: growing, capped at 30 s, and spread (jitter) so many units do not retry together. */
class BackoffTest {

    @Test
    void delaysGrowToTheCapAndAreSpread() {
        Backoff backoff = new Backoff();
        long first = backoff.next();
        assertTrue(first >= Backoff.FIRST_MS / 2 && first <= Backoff.FIRST_MS, "first " + first);
        long last = 0;
        for (int i = 0; i < 40; i++) {
            last = backoff.next();
            assertTrue(last <= Backoff.CAP_MS, "never more than 30 s: " + last);
        }
        assertTrue(last >= Backoff.CAP_MS / 2, "at the cap after many failures: " + last);
        backoff.reset();
        assertTrue(backoff.next() <= Backoff.FIRST_MS, "a success starts over");

        Set<Long> capped = new HashSet<>();
        for (int unit = 0; unit < 100; unit++) {
            Backoff b = new Backoff();
            for (int i = 0; i < 10; i++) {
                b.next();
            }
            capped.add(b.next());
        }
        assertTrue(capped.size() > 90, "100 units pick 100 different moments, not one: " + capped.size());
    }

    @Test
    void namesFollowTheTopicRules() {
        assertEquals("bootctl/v1/s-1/u2/status", new Topics("s-1", "u2").status());
        for (String[] bad : new String[][] {{"all", "u"}, {"s", "programs"}, {"S", "u"}, {"s", ""}, {"s/x", "u"},
                {"s", "u".repeat(33)}, {"s", "+"}}) {
            try {
                new Topics(bad[0], bad[1]);
                throw new AssertionError("accepted " + String.join("/", bad));
            } catch (IllegalArgumentException expected) {
                assertTrue(expected.getMessage().contains("'"), expected.getMessage());
            }
        }
        assertEquals("ssl://h:8883", BrokerAddress.parse("mqtts://h").pahoUri());
        assertEquals("tcp://10.0.0.2:1884", BrokerAddress.parse("mqtt://10.0.0.2:1884").pahoUri());
        for (String bad : new String[] {"http://h", "mqtt://", "mqtt://u:p@h", "mqtt://h/x", "h:1883"}) {
            try {
                BrokerAddress.parse(bad);
                throw new AssertionError("accepted " + bad);
            } catch (IllegalArgumentException expected) {
                assertTrue(expected.getMessage().contains(bad), expected.getMessage());
            }
        }
    }
}
