package jp.renkei.simulators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import jp.renkei.simulators.kiban.KibanSimulator;
import jp.renkei.simulators.sftp.MunicipalSftpServer;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.keyverifier.RequiredServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulatorsTest {

    @TempDir
    Path data;

    @Test
    void startsThePlatformAndTheSftpServerFromSettingsAndStopsThemAll() throws Exception {
        SimulatorSettings settings = SimulatorSettings.defaults(data).withPorts(0, 0);
        HttpClient http = HttpClient.newHttpClient();
        String receivedUrl;
        int sftpPort;
        try (Simulators simulators = Simulators.start(settings)) {
            KibanSimulator kiban = simulators.kiban().orElseThrow();
            MunicipalSftpServer sftp = simulators.sftp().orElseThrow();
            receivedUrl = kiban.simBaseUrl() + "/received";
            sftpPort = sftp.port();
            assertThat(kiban.apiBaseUrl()).isEqualTo(simulators.http().baseUrl() + "/kiban");
            assertThat(http.send(HttpRequest.newBuilder(URI.create(receivedUrl)).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            assertThat(sftp.root()).isEqualTo(data.resolve("sim/municipal").toRealPath());

            SshClient client = SshClient.setUpDefaultClient();
            client.setServerKeyVerifier(new RequiredServerKeyVerifier(sftp.hostKey()));
            client.start();
            try (ClientSession session = client.connect(SimulatorSettings.DEFAULT_SFTP_USER, "127.0.0.1", sftpPort)
                    .verify(Duration.ofSeconds(10)).getSession()) {
                session.addPasswordIdentity(settings.sftpPasswordUsers().get(SimulatorSettings.DEFAULT_SFTP_USER));
                session.auth().verify(Duration.ofSeconds(10));
                assertThat(session.isAuthenticated()).isTrue();
            } finally {
                client.stop();
            }
        }

        assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(URI.create(receivedUrl)).build(),
                HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> new java.net.Socket("127.0.0.1", sftpPort).close()).isInstanceOf(IOException.class);
    }

    @Test
    void settingsNeverPrintPasswords() {
        SimulatorSettings settings = SimulatorSettings.defaults(data);
        String password = settings.sftpPasswordUsers().get(SimulatorSettings.DEFAULT_SFTP_USER);
        assertThat(password).hasSize(36);
        assertThat(settings.toString()).doesNotContain(password);
    }
}
