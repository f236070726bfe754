package jp.renkei.hub.config;

import java.lang.management.ManagementFactory;
import javax.sql.DataSource;
import jp.renkei.connectors.cluster.PostgresClusterService;
import jp.renkei.connectors.db.EmbeddedDatabase;
import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Several hub instances share one broker and one database: queue consumers compete, and whatever must run once
 * (pollers, schedulers) runs behind {@code master:<namespace>:...}, led by one instance at a time through
 * PostgreSQL advisory locks (ADR 0003).
 */
@Configuration(proxyBeanMethods = false)
public class ClusterConfiguration {

    @Bean
    PostgresClusterService postgresClusterService(RenkeiProperties properties, ObjectProvider<EmbeddedDatabase> embedded) {
        // host@pid: visible in pg_stat_activity as the leader's application_name
        return new PostgresClusterService(lockSessions(properties, embedded.getIfAvailable()),
                ManagementFactory.getRuntimeMXBean().getName());
    }

    /**
     * Connections for the lock sessions, outside the flows' pool: a session lives as long as its namespace (every
     * poller and drop scanner has one), so taking them from the pool would leave the flows none, and a busy pool must
     * never cost an instance its leadership.
     */
    static DataSource lockSessions(RenkeiProperties properties, EmbeddedDatabase embedded) {
        RenkeiProperties.Database db = properties.database();
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(embedded != null ? embedded.url() : db.url());
        dataSource.setUser(embedded != null ? embedded.user() : db.username());
        dataSource.setPassword(embedded != null ? embedded.password() : db.password());
        return dataSource;
    }

    @Bean
    CamelContextConfiguration clusterServiceRegistration(PostgresClusterService cluster) {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext camelContext) {
                try {
                    camelContext.addService(cluster);
                } catch (Exception e) {
                    throw new IllegalStateException("cannot register the cluster service", e);
                }
            }

            @Override
            public void afterApplicationStart(CamelContext camelContext) {
                // nothing to do once started
            }
        };
    }
}
