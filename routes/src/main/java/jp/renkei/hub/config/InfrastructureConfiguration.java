package jp.renkei.hub.config;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.sql.DataSource;
import jp.renkei.connectors.broker.DeadLetterGuard;
import jp.renkei.connectors.broker.EmbeddedBroker;
import jp.renkei.connectors.db.EmbeddedDatabase;
import jp.renkei.connectors.journal.Journal;
import jp.renkei.connectors.journal.JournalPartitions;
import jp.renkei.connectors.journal.JournalQueries;
import jp.renkei.connectors.store.ArchiveRetention;
import jp.renkei.connectors.store.ContentCipher;
import jp.renkei.connectors.store.ContentStore;
import jp.renkei.connectors.store.FileContentStore;
import jp.renkei.connectors.store.OwnerOnlyFiles;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.component.jms.JmsComponent;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jms.connection.CachingConnectionFactory;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The servers the backbone stands on: PostgreSQL, Artemis and the content store, embedded by default and external
 * when {@code renkei.database.url} / {@code renkei.broker.url} are set. The Camel JMS component is configured here in
 * Java because camel-jms-starter 4.18.0 does not resolve from the registry (so {@code camel.component.jms.*} keys
 * would be ignored).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RenkeiProperties.class)
public class InfrastructureConfiguration {

    /** {@code <data-dir>}: created 0700, or narrowed to it (docs/security.md "Transport and data at rest"). */
    @Bean
    HubDataDirectory hubDataDirectory(RenkeiProperties properties) throws IOException {
        return new HubDataDirectory(OwnerOnlyFiles.secureDataDirectory(properties.dataDir()));
    }

    /** The data directory once secured; the beans that write under it take it so that they come after. */
    public record HubDataDirectory(Path path) {
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnExpression("'${renkei.database.url:}'.isEmpty()")
    EmbeddedDatabase embeddedDatabase(RenkeiProperties properties, HubDataDirectory dataDirectory) throws Exception {
        RenkeiProperties.Database db = properties.database();
        return new EmbeddedDatabase(properties.dataDir().resolve("postgres"), db.embeddedPort(), db.embeddedDurable());
    }

    @Bean(destroyMethod = "close")
    DataSource dataSource(RenkeiProperties properties, ObjectProvider<EmbeddedDatabase> embedded) {
        RenkeiProperties.Database db = properties.database();
        HikariConfig config = new HikariConfig();
        EmbeddedDatabase server = embedded.getIfAvailable();
        config.setJdbcUrl(server != null ? server.url() : db.url());
        config.setUsername(server != null ? server.user() : db.username());
        config.setPassword(server != null ? server.password() : db.password());
        config.setMaximumPoolSize(db.poolSize());
        config.setPoolName("renkei");
        // multi-row inserts for JDBC batches (journal of rejected records, sinks that batch)
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        return new HikariDataSource(config);
    }

    @Bean
    TransactionTemplate transactionTemplate(PlatformTransactionManager transactionManager) {
        return new TransactionTemplate(transactionManager);
    }

    @Bean
    Journal journal(JdbcTemplate jdbc, TransactionTemplate tx) {
        return new Journal(jdbc, tx);
    }

    @Bean
    JournalQueries journalQueries(JdbcTemplate jdbc) {
        return new JournalQueries(jdbc);
    }

    @Bean
    JournalPartitions journalPartitions(JdbcTemplate jdbc, RenkeiProperties properties) {
        JournalPartitions partitions = new JournalPartitions(jdbc);
        partitions.createAhead(properties.journal().partitionsAhead());
        return partitions;
    }

    @Bean
    ContentStore contentStore(RenkeiProperties properties, HubDataDirectory dataDirectory) {
        return new FileContentStore(dataDirectory.path().resolve("content"), contentCipher(properties.content().encryption()));
    }

    /** The content key: {@code key} (Base64) or {@code key-store}; enabled without either is a start-up error naming them. */
    static ContentCipher contentCipher(RenkeiProperties.Encryption encryption) {
        if (!encryption.enabled()) {
            return null;
        }
        if (encryption.key() != null && !encryption.key().isBlank()) {
            return ContentCipher.ofBase64Key(encryption.key());
        }
        if (encryption.keyStore() != null) {
            return ContentCipher.fromKeyStore(encryption.keyStore(),
                    encryption.keyStorePassword() == null ? new char[0] : encryption.keyStorePassword().toCharArray(),
                    encryption.keyAlias());
        }
        throw new IllegalStateException("renkei.content.encryption.enabled is true but neither renkei.content.encryption.key"
                + " (RENKEI_CONTENT_KEY: Base64 of 32 bytes) nor renkei.content.encryption.key-store is set");
    }

    @Bean
    ArchiveRetention archiveRetention(RenkeiProperties properties, HubDataDirectory dataDirectory) {
        return new ArchiveRetention(dataDirectory.path().resolve("archive"), properties.archive().retention());
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnExpression("'${renkei.broker.url:}'.isEmpty()")
    EmbeddedBroker embeddedBroker(RenkeiProperties properties, HubDataDirectory dataDirectory) throws Exception {
        return new EmbeddedBroker(properties.dataDir().resolve("artemis"), properties.broker().embeddedTcpAcceptor(),
                List.copyOf(properties.flows().keySet()));
    }

    /** The broker URL the hub uses: in-VM to the embedded broker (up first, when there is one), or the configured one. */
    static String brokerUrl(RenkeiProperties properties, ObjectProvider<EmbeddedBroker> embedded) {
        EmbeddedBroker broker = embedded.getIfAvailable();
        return broker != null ? broker.inVmUrl() : properties.broker().url();
    }

    @Bean
    DeadLetterGuard deadLetterGuard(RenkeiProperties properties, ObjectProvider<EmbeddedBroker> embedded) throws Exception {
        DeadLetterGuard guard = new DeadLetterGuard(brokerUrl(properties, embedded), properties.broker().user(),
                properties.broker().password());
        guard.verify(List.copyOf(properties.flows().keySet()));
        return guard;
    }

    @Bean
    ActiveMQConnectionFactory artemisConnectionFactory(RenkeiProperties properties, ObjectProvider<EmbeddedBroker> embedded,
                                                       DeadLetterGuard verified) {
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(brokerUrl(properties, embedded));
        if (!properties.broker().embedded()) {
            factory.setUser(properties.broker().user());
            factory.setPassword(properties.broker().password());
        }
        return factory;
    }

    /**
     * Producers (intake, splitter, dead letters) share cached sessions; the flows' consumers use the component below.
     * Consumers are NOT cached: a cached consumer left idle on a dead-letter queue after a replay would keep receiving
     * (Artemis prefetches into its buffer) and hide new dead letters from browsing and from replay by id.
     */
    @Bean(destroyMethod = "destroy")
    CachingConnectionFactory cachingConnectionFactory(ActiveMQConnectionFactory artemis) {
        CachingConnectionFactory caching = new CachingConnectionFactory(artemis);
        caching.setSessionCacheSize(16);
        caching.setCacheConsumers(false);
        return caching;
    }

    @Bean
    JmsTemplate jmsTemplate(CachingConnectionFactory connectionFactory) {
        JmsTemplate template = new JmsTemplate(connectionFactory);
        template.setSessionTransacted(true);
        return template;
    }

    /**
     * Camel's {@code jms:} component: transacted consumers, each JMS message committed only when its route completes
     * and rolled back when it fails. Local session transactions, not a JmsTransactionManager: a transaction manager
     * makes the listener container open a connection per transaction (no consumer caching), which is both slow and
     * churns Artemis message-group bindings.
     */
    @Bean("jms")
    JmsComponent jmsComponent(ActiveMQConnectionFactory artemis) {
        JmsComponent jms = new JmsComponent();
        jms.setConnectionFactory(artemis);
        jms.setTransacted(true);
        jms.setLazyCreateTransactionManager(false);
        jms.setCacheLevelName("CACHE_CONSUMER");
        return jms;
    }
}
