package jp.renkei.hub.careplan;

import static jp.renkei.hub.careplan.CareplanFlowsTest.CM;
import static jp.renkei.hub.careplan.CareplanFlowsTest.HOME_CARE;
import static jp.renkei.hub.careplan.CareplanFlowsTest.MS932;
import static jp.renkei.hub.careplan.CareplanFlowsTest.WAIT;
import static jp.renkei.hub.careplan.CareplanFlowsTest.plan;
import static jp.renkei.hub.careplan.CareplanFlowsTest.planName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import jp.renkei.connectors.journal.JournalQueries;
import jp.renkei.hub.support.HubTest;
import jp.renkei.simulators.sftp.MunicipalSftpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A whole hub whose 訪問介護 office (1370100024) has its outbound drop on an SFTP server (MINA SSHD, host key pinned):
 * a file the office puts there (written as {@code .tmp}, then renamed) goes to the relay; a file naming another office
 * as sender is rejected, and its error report is written into the office's error folder on the server.
 *
 * <p>An IT (failsafe, its own JVM) rather than a {@code *Test}: its extra properties make a second hub context, and two
 * hubs in one JVM share the embedded broker's in-VM address.
 */
@HubTest
class CareplanSftpOfficeDropIT {

    static final String PASSWORD = "office-sftp-password-0123";
    static final Path ROOT;
    static final MunicipalSftpServer SERVER;

    static {
        try {
            ROOT = Files.createTempDirectory("careplan-office-sftp");
            SERVER = MunicipalSftpServer.builder().root(ROOT.resolve("root")).hostKeyFile(ROOT.resolve("host-key")).port(0)
                    .passwordUser("homecare", PASSWORD).start();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void officeDrop(DynamicPropertyRegistry registry) throws IOException {
        Path knownHosts = SERVER.writeKnownHosts(ROOT.resolve("known_hosts"));
        registry.add("renkei.careplan.offices[0].number", () -> HOME_CARE);
        registry.add("renkei.careplan.offices[0].drop.uri", () -> "sftp://homecare@127.0.0.1:" + SERVER.port() + "/careplan/out");
        registry.add("renkei.careplan.offices[0].drop.password", () -> PASSWORD);
        registry.add("renkei.careplan.offices[0].drop.known-hosts-file", knownHosts::toString);
        registry.add("renkei.careplan.offices[0].drop.cron", () -> "* * * * * *");
    }

    @AfterAll
    static void stopServer() {
        SERVER.close();
    }

    @Autowired
    JournalQueries queries;

    @Test
    void aFileOnTheOfficesSftpDropIsSentAndAForeignSendersFileGetsItsReportOnTheServer() throws Exception {
        Path out = Files.createDirectories(SERVER.root().resolve("careplan/out"));
        String own = "UPJSK_202506_1370100024_11_1370100016_43_" + CareplanFlowsTest.stamp() + ".CSV";
        put(out, own, Files.readAllBytes(CareplanFlowsTest.SET.resolve("UPJSK_202506_1370100024_11_1370100016_43_20250703120000.CSV")));
        String foreign = planName(); // sender 1370100016, on 1370100024's server
        put(out, foreign, plan());

        JournalQueries.Delivery sent = awaitState(own, "delivered");
        JournalQueries.Delivery rejected = awaitState(foreign, "rejected");

        assertThat(sent.source()).startsWith("office:" + HOME_CARE + ":sftp:");
        assertThat(rejected.records()).containsEntry("queued", 0L);
        Path report = out.resolve("error").resolve(foreign + ".errors.csv");
        await().atMost(WAIT).until(() -> Files.exists(report));
        assertThat(Files.readString(report, MS932)).contains("the file is in office " + HOME_CARE
                + "'s drop folder but names sender office " + CM);
        await().atMost(WAIT).until(() -> !Files.exists(out.resolve(own)));
    }

    /** The care software's way over SFTP: write under a temporary name, then rename. */
    static void put(Path folder, String name, byte[] content) throws IOException {
        Path temp = folder.resolve(name + ".tmp");
        Files.write(temp, content);
        Files.move(temp, folder.resolve(name));
    }

    JournalQueries.Delivery awaitState(String name, String state) {
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).until(
                () -> queries.deliveries(CareplanOutboundConfiguration.ID, state, 1000).stream().filter(d -> d.name().equals(name))
                        .findFirst().orElse(null),
                d -> d != null);
    }
}
