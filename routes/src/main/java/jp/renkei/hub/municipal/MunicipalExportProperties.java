package jp.renkei.hub.municipal;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Duration;
import jp.renkei.connectors.municipal.SftpDrop;
import jp.renkei.hub.config.FlowProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The keys a municipal export flow (insured-to-kiban, certification-to-kiban, benefit-usage-to-kiban) has besides
 * the backbone's (partitions, retry, inbox: {@link FlowProperties}), each under its own {@code renkei.flows.<id>.*}
 * ({@link MunicipalExports#properties}).
 *
 * @param errorReportEncoding encoding of {@code <name>.errors.csv} (windows-31j for municipal systems, or UTF-8)
 * @param strictChecks        check digits the layout only warns about (保険者番号) reject the record
 * @param snapshotCheckInterval how often finished full snapshots are checked for persons missing from them
 *                            (insured-to-kiban only)
 * @param platformRequests    requests in flight to the platform at most, over the flow's consumers (insured-to-kiban
 *                            only: a batch's persons are independent, so their requests overlap)
 * @param sftp                the municipal SFTP drop; an empty host means no SFTP polling (the local drop folder
 *                            always works; the demo publishes its simulated server here, ADR 0006)
 */
public record MunicipalExportProperties(
        @DefaultValue("windows-31j") Charset errorReportEncoding,
        @DefaultValue("false") boolean strictChecks,
        @DefaultValue("1m") Duration snapshotCheckInterval,
        @DefaultValue("16") int platformRequests,
        @DefaultValue Sftp sftp) {

    /** {@code renkei.flows.<id>.sftp.*}; secrets from the environment only. */
    public record Sftp(
            @DefaultValue("true") boolean enabled,
            String host,
            @DefaultValue("22") int port,
            String username,
            String password,
            Path privateKeyFile,
            String privateKeyPassphrase,
            String directory,
            String archiveDirectory,
            String errorDirectory,
            Path knownHostsFile,
            @DefaultValue("true") boolean strictHostKeyChecking,
            @DefaultValue("0 */5 * * * *") String cron,
            @DefaultValue("rename") SftpDrop.ReadLock readLock,
            @DefaultValue("2s") Duration readLockCheckInterval) {

        /**
         * This drop with the folders left empty under the flow's own folder {@code base}: {@code <base>/outbox}
         * (polled, relative to the login folder), {@code /<base>/archive} and {@code /<base>/error}.
         */
        public Sftp withFolders(String base) {
            return new Sftp(enabled, host, port, username, password, privateKeyFile, privateKeyPassphrase,
                    orElse(directory, base + "/outbox"), orElse(archiveDirectory, "/" + base + "/archive"),
                    orElse(errorDirectory, "/" + base + "/error"), knownHostsFile, strictHostKeyChecking, cron, readLock,
                    readLockCheckInterval);
        }

        private static String orElse(String value, String otherwise) {
            return value == null || value.isBlank() ? otherwise : value;
        }

        public boolean hasHost() {
            return host != null && !host.isBlank();
        }

        /** Passwords are never printed. */
        @Override
        public String toString() {
            return "Sftp[" + username + "@" + host + ":" + port + "/" + directory + ", readLock=" + readLock + ", cron=" + cron + "]";
        }
    }
}
