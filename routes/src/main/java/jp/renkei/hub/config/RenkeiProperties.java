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
}
