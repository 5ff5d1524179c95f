package org.bootctl.launcher.web;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.bootctl.testing.Waits;
import org.bootctl.tools.bench.AdversarialWebLoad;

/**
 * Emergency stops of sim-1 sent while one address holds the bench's adversarial load (500 stalled
 * uploads, 500 event streams, 1000 requests/s): the first amid the load's first burst, five more
 * once all of it is under way. The tests judge what came back.
 *
 * @param stops  every stop's answer, in order
 * @param counts the load as it was just before it ended
 */
record StopsUnderLoad(List<AdversarialWebLoad.Stop> stops, AdversarialWebLoad.Counts counts) {

    static StopsUnderLoad send(InetSocketAddress server, int answerMs) throws Exception {
        List<AdversarialWebLoad.Stop> stops = new ArrayList<>();
        try (AdversarialWebLoad load = AdversarialWebLoad.start(server, 500, 500, 1000, null)) {
            Thread.sleep(100); // places the first stop amid the load's first burst of connections, as it ramps up
            stops.add(AdversarialWebLoad.emergencyStop(server, "sim-1", answerMs));
            // whether it all opened is judged by the tests with the whole count ("the load was as meant")
            Waits.holdsWithin("every upload and stream open", WebRuntime.DEADLINE,
                    () -> load.counts().uploadsOpened() >= 500 && load.counts().streamsOpened() >= 500);
            Thread.sleep(1000); // every kind of load under way
            for (int i = 0; i < 5; i++) {
                stops.add(AdversarialWebLoad.emergencyStop(server, "sim-1", answerMs));
                Thread.sleep(200);
            }
            return new StopsUnderLoad(List.copyOf(stops), load.counts());
        }
    }
}
