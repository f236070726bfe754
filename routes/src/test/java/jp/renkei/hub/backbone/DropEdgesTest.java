package jp.renkei.hub.backbone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import jp.renkei.connectors.journal.JournalQueries;
import jp.renkei.hub.loopback.LoopbackConfiguration;
import jp.renkei.hub.municipal.InsuredToKibanConfiguration;
import jp.renkei.hub.support.Drops;
import jp.renkei.hub.support.HubTest;
import jp.renkei.hub.support.PoisonProbeFlow;
import jp.renkei.simulators.Simulators;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What a drop folder must refuse, and how: entries that are not the sender's file to give, names no file system or log
 * should hold, empty files, and a unit that can never be read. Each refusal is a rejected unit with its reason in the
 * journal (and the sender's error report), never a silent wait or an endless retry.
 */
@HubTest
class DropEdgesTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Autowired
    DropEndpoints folders;
    @Autowired
    JournalQueries queries;
    @Autowired
    Simulators simulators;

    @Test
    void aSymbolicLinkInALocalDropIsRefusedUnreadAndNothingOfItsTargetIsStoredOrReported() throws Exception {
        String name = "link-" + UUID.randomUUID() + ".DAT";
        Path inbox = Files.createDirectories(folders.folder("inbox", InsuredToKibanConfiguration.ID));
        Files.createSymbolicLink(inbox.resolve(name), Path.of("/etc/passwd"));

        JournalQueries.Delivery refused = awaitUnit(InsuredToKibanConfiguration.ID, name);

        assertThat(refused.state()).isEqualTo("rejected");
        assertThat(refused.size()).isZero();
        assertThat(refused.error()).contains("symbolic link");
        Path report = folders.folder("error", InsuredToKibanConfiguration.ID).resolve(name + ".errors.csv");
        await().atMost(WAIT).until(() -> Files.exists(report));
        assertThat(Files.readString(report, java.nio.charset.Charset.forName("windows-31j"))).contains("symbolic link").doesNotContain("root:");
        assertThat(Files.exists(Path.of("/etc/passwd"))).as("the link's target stays where it was").isTrue();
    }

    @Test
    void aSymbolicLinkOnTheMunicipalSftpServerIsRefusedUnread() throws Exception {
        String name = "HIHOKEN_131011_20260402" + String.format("%06d", (int) (Math.random() * 999_999)) + ".DAT";
        Path outbox = Files.createDirectories(simulators.sftp().orElseThrow().root().resolve("insured/outbox"));
        Files.createSymbolicLink(outbox.resolve(name), Path.of("/etc/passwd"));

        JournalQueries.Delivery refused = awaitUnit(InsuredToKibanConfiguration.ID, name);

        assertThat(refused.state()).isEqualTo("rejected");
        assertThat(refused.source()).startsWith("sftp:");
        assertThat(refused.size()).isZero();
        assertThat(refused.error()).contains("symbolic link");
    }

    @Test
    void anEmptyFileIsRefusedWithAReasonInsteadOfWaitingForever() throws Exception {
        String name = "empty-" + UUID.randomUUID() + ".csv";
        Drops.drop(folders, LoopbackConfiguration.ID, name, List.of());

        JournalQueries.Delivery refused = awaitUnit(LoopbackConfiguration.ID, name);

        assertThat(refused.state()).isEqualTo("rejected");
        assertThat(refused.error()).contains("the file is empty (0 bytes)");
    }

    @Test
    void aNameWithALineBreakIsRefusedAndJournaledUnderAPrintableNameThatCannotForgeALogLine() throws Exception {
        String id = UUID.randomUUID().toString();
        String name = "forged-" + id + "\n2026-12-04 INFO all good.csv";
        Drops.drop(folders, LoopbackConfiguration.ID, name, List.of("key,name,amount", "K1,a,1"));

        JournalQueries.Delivery refused = await().atMost(WAIT).until(() -> queries.deliveries(LoopbackConfiguration.ID, null, 1000)
                .stream().filter(d -> d.name().startsWith("forged-" + id)).findFirst().orElse(null), d -> d != null);

        assertThat(refused.state()).isEqualTo("rejected");
        assertThat(refused.name()).doesNotContain("\n").startsWith("forged-" + id + "_2026-12-04 INFO all good.csv~");
        assertThat(refused.error()).contains("control characters");
    }

    @Test
    void aNameOf250BytesIsRefusedOnceWithAReportInsteadOfBeingRetriedForever() throws Exception {
        String id = UUID.randomUUID().toString();
        String name = ("long-" + id + "-").concat("x".repeat(250)).substring(0, 246) + ".csv";
        Drops.drop(folders, InsuredToKibanConfiguration.ID, name, List.of("key,name,amount", "K1,a,1"));

        JournalQueries.Delivery refused = await().atMost(WAIT).until(() -> queries.deliveries(InsuredToKibanConfiguration.ID, null, 1000)
                .stream().filter(d -> d.name().startsWith("long-" + id)).findFirst().orElse(null), d -> d != null);

        assertThat(refused.state()).isEqualTo("rejected");
        assertThat(refused.error()).contains("the name is too long (250 bytes in UTF-8, at most 200)");
        assertThat(refused.name().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(UnitNames.MAX_BYTES);
        Path report = folders.folder("error", InsuredToKibanConfiguration.ID).resolve(refused.name() + ".errors.csv");
        await().atMost(WAIT).until(() -> Files.exists(report));
        assertThat(Files.exists(folders.folder("inbox", InsuredToKibanConfiguration.ID).resolve(name))).as("taken out of the inbox").isFalse();
    }

    @Test
    void aUnitThatCanNeverBeReadIsRejectedOnItsFlowsLastAttemptAndStaysRejected() throws Exception {
        String name = "poison-" + UUID.randomUUID() + ".txt";
        Drops.drop(folders, PoisonProbeFlow.ID, name, List.of("a", "b", "POISON", "c"));

        JournalQueries.Delivery rejected = await().atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> awaitUnit(PoisonProbeFlow.ID, name), d -> "rejected".equals(d.state()));

        assertThat(rejected.error()).contains("could not be read in 3 attempts").contains("the reader cannot go on");
        assertThat(rejected.records()).containsEntry("queued", 0L).containsEntry("delivered", 0L);
        // the sweeper (stuck units after 5 s in the hub test) must not bring it back
        int opened = PoisonProbeFlow.OPENED.get();
        await().pollDelay(Duration.ofSeconds(7)).atMost(Duration.ofSeconds(9)).until(() -> true);
        assertThat(awaitUnit(PoisonProbeFlow.ID, name).state()).isEqualTo("rejected");
        assertThat(PoisonProbeFlow.OPENED.get()).as("not read again").isEqualTo(opened);
    }

    private JournalQueries.Delivery awaitUnit(String flow, String name) {
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(
                () -> queries.deliveries(flow, null, 1000).stream().filter(d -> d.name().equals(name)).findFirst().orElse(null),
                d -> d != null);
    }
}
