package jp.renkei.simulators.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class FaultSwitchTest {

    @Test
    void failsExactlyCountRequestsThenBehaves() throws Exception {
        FaultSwitch faults = new FaultSwitch();
        faults.set(new FaultSwitch.Fault(503, 1.0, 0, 2));

        assertThat(faults.decide()).isEqualTo(503);
        assertThat(faults.decide()).isEqualTo(503);
        assertThat(faults.decide()).isZero();
    }

    @Test
    void negativeCountFailsUntilCleared() throws Exception {
        FaultSwitch faults = new FaultSwitch();
        faults.set(new FaultSwitch.Fault(500, 1.0, 0, -1));
        for (int i = 0; i < 10; i++) {
            assertThat(faults.decide()).isEqualTo(500);
        }
        faults.clear();
        assertThat(faults.decide()).isZero();
    }

    @Test
    void rateZeroNeverFails() throws Exception {
        FaultSwitch faults = new FaultSwitch();
        faults.set(new FaultSwitch.Fault(503, 0.0, 0, -1));
        for (int i = 0; i < 100; i++) {
            assertThat(faults.decide()).isZero();
        }
    }

    @Test
    void rejectsNonErrorStatus() {
        assertThatThrownBy(() -> new FaultSwitch.Fault(200, 1.0, 0, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void faultSwitchIsSettableOverHttp() throws Exception {
        FaultSwitch faults = new FaultSwitch();
        try (SimHttpServer server = SimHttpServer.start(0)) {
            server.mountFaultSwitch("/sim/test", faults);
            HttpClient client = HttpClient.newHttpClient();
            HttpResponse<String> set = client.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/sim/test/faults"))
                            .PUT(HttpRequest.BodyPublishers.ofString("{\"status\":503,\"rate\":1.0,\"delayMillis\":0,\"count\":3}"))
                            .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(set.statusCode()).isEqualTo(200);
            assertThat(faults.current()).isEqualTo(new FaultSwitch.Fault(503, 1.0, 0, 3));

            HttpResponse<String> bad = client.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/sim/test/faults"))
                            .PUT(HttpRequest.BodyPublishers.ofString("{\"status\":200,\"rate\":1.0}"))
                            .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(bad.statusCode()).isEqualTo(400);
        }
    }
}
