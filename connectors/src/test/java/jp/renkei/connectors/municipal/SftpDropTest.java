package jp.renkei.connectors.municipal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SftpDropTest {

    static SftpDrop drop(SftpDrop.ReadLock readLock, boolean strict, Path knownHosts) {
        return new SftpDrop(new SftpDrop.Server("sftp.example.lg.jp", 22, "renkei", "p&ss=w0rd", null, null, knownHosts, strict),
                new SftpDrop.Folders("insured/outbox", "/insured/archive", "/insured/error"),
                new SftpDrop.Polling("0 0 2 * * *", readLock, Duration.ofSeconds(2)), Path.of("/var/renkei/work"));
    }

    @Test
    void pollsByCronVerifiesTheHostKeyAndArchivesAfterIntake() {
        String uri = drop(SftpDrop.ReadLock.CHANGED, true, Path.of("/etc/renkei/known_hosts")).consumerUri();

        assertThat(uri).startsWith("sftp://sftp.example.lg.jp:22/insured/outbox?")
                .contains("strictHostKeyChecking=yes", "knownHostsFile=/etc/renkei/known_hosts", "useUserKnownHostsFile=false")
                .contains("scheduler=spring", "scheduler.cron=0+0+2+*+*+*")
                .contains("readLock=changed", "readLockCheckInterval=2000")
                .contains("antExclude=**/*.tmp,**/*.part,**/.*")
                .contains("move=/insured/archive/${date:now:yyyyMMdd}/${file:name}", "moveFailed=/insured/error/${file:name}")
                .contains("password=RAW(p&ss=w0rd)")
                .doesNotContain("readLockMinAge");
    }

    @Test
    void eachDropChoosesHowACompleteFileIsRecognised() {
        Path knownHosts = Path.of("/etc/renkei/known_hosts");
        assertThat(drop(SftpDrop.ReadLock.DONE_FILE, true, knownHosts).consumerUri())
                .contains("doneFileName=${file:name}.done").doesNotContain("readLock=");
        assertThat(drop(SftpDrop.ReadLock.RENAME, true, knownHosts).consumerUri())
                .contains("antExclude=").doesNotContain("readLock=").doesNotContain("doneFileName");
    }

    @Test
    void hostKeyVerificationNeedsAKnownHostsFileAndIsOffOnlyWhenSaidSo() {
        assertThatThrownBy(() -> drop(SftpDrop.ReadLock.CHANGED, true, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("known_hosts");
        assertThat(drop(SftpDrop.ReadLock.CHANGED, false, null).consumerUri()).contains("strictHostKeyChecking=no");
    }

    @Test
    void errorReportsAreUploadedUnderATemporaryNameAndSecretsAreNeverPrinted() {
        SftpDrop drop = drop(SftpDrop.ReadLock.CHANGED, true, Path.of("/etc/renkei/known_hosts"));
        assertThat(drop.errorFolderUri()).startsWith("sftp://sftp.example.lg.jp:22/insured/error?").contains("tempFileName=${file:name}.tmp");
        assertThat(drop.toString()).doesNotContain("p&ss");
    }
}
