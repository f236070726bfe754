package jp.renkei.hub.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code renkei.*} block of application.yml. An empty {@code database.url} or {@code broker.url} means "embedded":
 * the hub runs its own PostgreSQL and Artemis with their data under {@code data-dir}. Setting them (typically from
 * environment variables, see deploy/) switches to real servers with no code change.
 */
@ConfigurationProperties("renkei")
public record RenkeiProperties(
        @DefaultValue("data") Path dataDir,
        @DefaultValue Database database,
        @DefaultValue Broker broker,
        @DefaultValue Journal journal,
        @DefaultValue Archive archive,
        @DefaultValue Content content,
        @DefaultValue Server server,
        Map<String, FlowProperties> flows) {

    public Map<String, FlowProperties> flows() {
        return flows == null ? Map.of() : flows;
    }

    /** PostgreSQL: {@code url} empty = embedded server under {@code <data-dir>/postgres} on {@code embedded-port}. */
    public record Database(String url, String username, String password,
                           @DefaultValue("54329") int embeddedPort,
                           @DefaultValue("true") boolean embeddedDurable,
                           @DefaultValue("16") int poolSize) {

        public boolean embedded() {
            return url == null || url.isBlank();
        }
    }

    /** Artemis: {@code url} empty = embedded broker under {@code <data-dir>/artemis}, reached in-VM. */
    public record Broker(String url, String user, String password,
                         @DefaultValue("") String embeddedTcpAcceptor) {

        public boolean embedded() {
            return url == null || url.isBlank();
        }
    }

    /** Journal retention: daily partitions older than this are dropped, unless they hold unacknowledged problems. */
    public record Journal(@DefaultValue("30d") Duration retention,
                          @DefaultValue("7") int partitionsAhead,
                          @DefaultValue("1m") Duration stuckUnitAfter) {
    }

    /** The drop folders' archives ({@code <data-dir>/archive/<flow>/<yyyyMMdd>/}): day folders older than this are deleted. */
    public record Archive(@DefaultValue("30d") Duration retention) {
    }

    /** The content store under {@code <data-dir>/content}. */
    public record Content(@DefaultValue Encryption encryption) {
    }

    /**
     * AES-256-GCM for stored units: the key as Base64 of 32 bytes ({@code RENKEI_CONTENT_KEY}) or an AES key in a
     * PKCS#12 key store; on in the production profile. Units stored before it was turned on are still read.
     */
    public record Encryption(@DefaultValue("false") boolean enabled, String key, Path keyStore, String keyStorePassword,
                             @DefaultValue("renkei-content") String keyAlias) {

        @Override
        public String toString() {
            return "Encryption[enabled=" + enabled + ", keyStore=" + keyStore + ", keyAlias=" + keyAlias + "]";
        }
    }

    /**
     * Transport guard of the production profile: the hub refuses plain HTTP unless {@code server.ssl.*} is set or it
     * is told it sits behind a TLS terminator, and refuses {@code http://} URLs of the platform, filing system and relay.
     */
    public record Server(@DefaultValue("false") boolean requireTls, @DefaultValue("false") boolean behindTlsTerminator) {
    }
}
