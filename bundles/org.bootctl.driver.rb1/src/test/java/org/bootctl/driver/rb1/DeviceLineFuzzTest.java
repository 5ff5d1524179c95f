package org.bootctl.driver.rb1;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The layer above {@link LineDecoderTest}'s fuzz (issue 9): a line whose checksum is good can
 * still say anything. Parsing it gives a typed line or nothing — never an exception out of the
 * reader. Bodies are random, or real lines with fields dropped, added, swapped or garbled. Seeded.
 */
class DeviceLineFuzzTest {

    private static final long SEED = 20261126L;
    private static final List<String> LINES = List.of("ID,RB1-L4,E1234,1.4.2,4,120", "ST,NONE,40,40,0,0,0",
            "ST,OVERPRESSURE,0,0,0,0,1", "OK", "P,123456,82.4,-0.3,0.0,120.0", "S,123456,82.4,-0.3,0.0,120.0",
            "FLT,OVERPRESSURE", "BOOT,1.4.2", "ERR,CHK");
    private static final List<String> FIELDS = List.of("", "-", "-1", "0", "999999999", "9999999999", "1e9", "NaN",
            "Infinity", "-0.0", "12.3456", "1.", ".5", "ID", "NONE", "A", "a", ",", "\u00e9", "\u0000", "0x1F");

    @Test
    void anyBodyParsesOrIsDroppedNeverThrows() {
        Random random = new Random(SEED);
        int typed = 0;
        for (int round = 0; round < 50_000; round++) {
            String body = round % 3 == 0 ? noise(random) : mutate(LINES.get(random.nextInt(LINES.size())), random);
            try {
                Optional<DeviceLine> line = DeviceLine.parse(body);
                assertNotNull(line, "seed " + SEED + " round " + round);
                if (line.isPresent()) {
                    typed++;
                }
            } catch (RuntimeException e) {
                throw new AssertionError("seed " + SEED + " round " + round + ": \"" + body + "\" threw " + e, e);
            }
        }
        assertTrue(typed > 1000, "mutated real lines often stay well-formed: " + typed);
    }

    private static String noise(Random random) {
        StringBuilder out = new StringBuilder();
        for (int i = random.nextInt(40); i > 0; i--) {
            out.append(random.nextInt(4) == 0 ? ',' : (char) (0x20 + random.nextInt(0x5F)));
        }
        return out.toString();
    }

    private static String mutate(String line, Random random) {
        List<String> fields = new java.util.ArrayList<>(List.of(line.split(",", -1)));
        for (int m = random.nextInt(3); m >= 0; m--) {
            int at = random.nextInt(fields.size());
            switch (random.nextInt(5)) {
                case 0 -> {
                    if (fields.size() > 1) {
                        fields.remove(at);
                    }
                }
                case 1 -> fields.add(at, FIELDS.get(random.nextInt(FIELDS.size())));
                case 2 -> fields.set(at, FIELDS.get(random.nextInt(FIELDS.size())));
                case 3 -> fields.add(fields.get(at));
                default -> { // a field as is, most of the time: many mutants stay valid
                }
            }
        }
        return String.join(",", fields);
    }
}
