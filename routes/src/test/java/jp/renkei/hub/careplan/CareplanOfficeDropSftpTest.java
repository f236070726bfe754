package jp.renkei.hub.careplan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import jp.renkei.hub.support.SftpPolls;
import jp.renkei.simulators.sftp.MunicipalSftpServer;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An office's drop configured as {@code sftp://…} ({@code renkei.careplan.offices[*].drop}) against a real SFTP server
 * (MINA SSHD): the endpoint the office's intake route polls fetches a complete file (never a {@code .tmp} still being
 * written), pinned to the server's host key, and archives it; the error report producer writes into the office's error
 * folder on the server under a temporary name.
 */
class CareplanOfficeDropSftpTest {

    static final String PASSWORD = "office-password-0123";
    static final String OFFICE = "1370100016";
    static final String NAME = "UPPLAN_202506_1370100016_43_1370100024_11_20250525100000.CSV";

    @TempDir
    Path dir;
    MunicipalSftpServer server;
    DefaultCamelContext camel;

    @BeforeEach
    void start() throws Exception {
        server = MunicipalSftpServer.builder().root(dir.resolve("root")).hostKeyFile(dir.resolve("host-key")).port(0)
                .passwordUser("sakura", PASSWORD).start();
        camel = new DefaultCamelContext();
        camel.start();
    }

    @AfterEach
    void stop() {
        camel.stop();
        server.close();
    }

    @Test
    void theOfficesSftpFolderIsPolledForCompleteFilesAndItsErrorFolderReceivesTheReport() throws Exception {
        Path folder = Files.createDirectories(server.root().resolve("careplan/" + OFFICE));
        Files.writeString(folder.resolve(NAME + ".tmp"), "still being written", StandardCharsets.UTF_8);
        Files.writeString(folder.resolve(NAME), "complete", StandardCharsets.UTF_8);
        CareplanOfficeDrops.Drop drop = CareplanOfficeDrops.resolve(OFFICE,
                sftp("sftp://sakura@127.0.0.1:" + server.port() + "/careplan/" + OFFICE, server.writeKnownHosts(dir.resolve("known_hosts"))),
                kind -> dir.resolve("local").resolve(kind));

        assertThat(drop.sftp()).isPresent();
        assertThat(drop.errorFolder()).isEqualTo(dir.resolve("local/error").resolve(OFFICE));
        assertThat(SftpPolls.receiveOnce(camel, drop.consumerUri(), 5_000)).isEqualTo("complete");
        await().atMost(Duration.ofSeconds(10)).until(() -> !Files.exists(folder.resolve(NAME)));
        try (var archived = Files.walk(folder.resolve("archive"))) {
            assertThat(archived.map(p -> p.getFileName().toString())).contains(NAME);
        }
        assertThat(folder.resolve(NAME + ".tmp")).as("a file still being written is left alone").exists();

        camel.createProducerTemplate().sendBodyAndHeader(drop.sftp().get().errorFolderUri(), "report".getBytes(StandardCharsets.UTF_8),
                Exchange.FILE_NAME, NAME + ".errors.csv");
        assertThat(folder.resolve("error").resolve(NAME + ".errors.csv")).hasContent("report");
    }

    @Test
    void anSftpDropWithoutAPinnedHostKeyIsRefusedAtStart() {
        assertThatThrownBy(() -> CareplanOfficeDrops.resolve(OFFICE, sftp("sftp://sakura@127.0.0.1:2222/careplan", null),
                kind -> dir.resolve(kind))).hasMessageContaining("known_hosts");
    }

    @Test
    void aLocalFolderDropKeepsItsArchiveAndErrorFoldersInsideItAndOtherSchemesAreRefused() {
        CareplanOfficeDrops.Drop drop = CareplanOfficeDrops.resolve(OFFICE, sftp("file:" + dir.resolve("sakura"), null),
                kind -> dir.resolve(kind));
        CareplanOfficeDrops.Drop byDefault = CareplanOfficeDrops.resolve(OFFICE, null, kind -> dir.resolve(kind));

        assertThat(drop.consumerUri()).startsWith("file://" + dir.resolve("sakura") + "?")
                .contains("move=" + dir.resolve("sakura/archive")).contains("moveFailed=" + dir.resolve("sakura/error"));
        assertThat(drop.errorFolder()).isEqualTo(dir.resolve("sakura/error"));
        assertThat(byDefault.consumerUri()).startsWith("file://" + dir.resolve("inbox").resolve(OFFICE) + "?");
        assertThat(byDefault.errorFolder()).isEqualTo(dir.resolve("error").resolve(OFFICE));
        assertThatThrownBy(() -> CareplanOfficeDrops.resolve(OFFICE, sftp("ftp://host/x", null), kind -> dir.resolve(kind)))
                .hasMessageContaining("must be file:… or sftp://…");
    }

    private static CareplanProperties.OfficeDrop sftp(String uri, Path knownHosts) {
        return new CareplanProperties.OfficeDrop(uri, null, null, PASSWORD, null, null, knownHosts, true, "* * * * * *",
                jp.renkei.connectors.municipal.SftpDrop.ReadLock.RENAME, Duration.ofSeconds(1), Duration.ofSeconds(30));
    }
}
