package jp.renkei.hub.config;

import java.lang.management.ManagementFactory;
import javax.sql.DataSource;
import jp.renkei.connectors.cluster.PostgresClusterService;
import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelContextConfiguration;
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
    PostgresClusterService postgresClusterService(DataSource dataSource) {
        // host@pid: visible in pg_stat_activity as the leader's application_name
        return new PostgresClusterService(dataSource, ManagementFactory.getRuntimeMXBean().getName());
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
