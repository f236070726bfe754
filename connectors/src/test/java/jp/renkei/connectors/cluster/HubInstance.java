package jp.renkei.connectors.cluster;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.apache.camel.ServiceStatus;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.impl.cluster.ClusteredRoutePolicy;

/**
 * One hub instance in a test: a Camel context with its own {@link PostgresClusterService} and one poller route in
 * the {@value #NAMESPACE} namespace that counts its polls.
 */
final class HubInstance implements AutoCloseable {

    static final String NAMESPACE = "poller";
    static final String ROUTE_ID = "poller";
    /** Short, so hand-overs in tests take a fraction of a second rather than the production 2 s. */
    static final Duration ACQUIRE_INTERVAL = Duration.ofMillis(200);

    private final String id;
    private final PostgresClusterService clusterService;
    private final DefaultCamelContext context = new DefaultCamelContext();
    private final AtomicInteger polls = new AtomicInteger();

    private HubInstance(DataSource dataSource, String id) {
        this.id = id;
        this.clusterService = new PostgresClusterService(dataSource, id);
        clusterService.setAcquireInterval(ACQUIRE_INTERVAL);
        context.getCamelContextExtension().setName(id);
        context.disableJMX();
    }

    /** Starts an instance whose poller is {@code from("master:poller:timer:tick?period=50")}. */
    static HubInstance startWithMasterEndpoint(DataSource dataSource, String id) throws Exception {
        HubInstance hub = new HubInstance(dataSource, id);
        hub.start(new RouteBuilder() {
            @Override
            public void configure() {
                from("master:" + NAMESPACE + ":timer:tick?period=50").routeId(ROUTE_ID)
                        .process(exchange -> hub.polls.incrementAndGet());
            }
        });
        return hub;
    }

    /** Starts an instance whose poller is a plain timer route under a {@link ClusteredRoutePolicy}. */
    static HubInstance startWithClusteredRoutePolicy(DataSource dataSource, String id) throws Exception {
        HubInstance hub = new HubInstance(dataSource, id);
        hub.start(new RouteBuilder() {
            @Override
            public void configure() throws Exception {
                from("timer:tick?period=50").routeId(ROUTE_ID)
                        .routePolicy(ClusteredRoutePolicy.forNamespace(NAMESPACE))
                        .process(exchange -> hub.polls.incrementAndGet());
            }
        });
        return hub;
    }

    private void start(RouteBuilder routes) throws Exception {
        context.addService(clusterService);
        context.addRoutes(routes);
        context.start();
    }

    String id() {
        return id;
    }

    AtomicInteger polls() {
        return polls;
    }

    boolean isLeader() {
        return clusterService.isLeader(NAMESPACE);
    }

    ServiceStatus pollerRouteStatus() {
        return context.getRouteController().getRouteStatus(ROUTE_ID);
    }

    /** The {@code application_name} of this instance's lock session, as operators see it in pg_stat_activity. */
    String lockSessionName() {
        return "renkei-cluster " + NAMESPACE + " " + id;
    }

    /** Stops the whole instance, as a shutdown of its JVM would (minus the crash). */
    @Override
    public void close() {
        context.stop();
    }

    @Override
    public String toString() {
        return id;
    }
}
