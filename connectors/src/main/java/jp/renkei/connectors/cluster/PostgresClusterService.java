package jp.renkei.connectors.cluster;

import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;

import javax.sql.DataSource;

import org.apache.camel.CamelContext;
import org.apache.camel.support.cluster.AbstractCamelClusterService;
import org.apache.camel.util.ObjectHelper;

/**
 * A Camel cluster service that makes one hub instance at a time the leader of each cluster namespace, using
 * PostgreSQL session-level advisory locks.
 *
 * <p><b>Why PostgreSQL.</b> Every hub instance already shares one PostgreSQL database (the journal lives there), so
 * it is the one coordinator that needs no new infrastructure: no ZooKeeper or Consul ensemble to run and secure, and
 * no shared file system whose lock semantics vary with NFS/SMB. An advisory lock is held by a database session and
 * dies with it, so a crashed, partitioned or killed instance loses leadership without any lease bookkeeping.
 *
 * <p><b>How.</b> Each namespace gets a {@link PostgresClusterView} with its own dedicated connection from the
 * {@link DataSource}. Every {@link #setAcquireInterval acquire interval} (default 2 s) the view checks that
 * connection with {@code SELECT 1} (bounded by the {@link #setConnectionCheckTimeout connection check timeout},
 * default 1 s) and, when following, tries {@code pg_try_advisory_lock} on a stable 64-bit key derived from the
 * namespace. A leader whose check fails gives up leadership immediately; the view releases the lock when it stops.
 * Leadership changes fire Camel cluster events, so {@code from("master:<namespace>:<uri>")} consumers and
 * {@code ClusteredRoutePolicy} routes start on the leader and stop elsewhere.
 *
 * <p><b>Guarantee.</b> Leadership is exclusive from the database's point of view. After a leader's session is
 * lost, the old leader can keep running for up to one interval plus the check timeout before its next check stops
 * it, while another instance may already have taken the lock; the idempotent sinks of the delivery backbone are what
 * make that overlap harmless.
 *
 * <p><b>Connections.</b> A leader holds one connection per namespace for as long as it leads. Give the service a
 * {@code DataSource} whose pool has room for that, or a non-pooling one; the lock is unlocked explicitly before a
 * connection is handed back, so a pooled connection never carries it to another user.
 *
 * <p>Views share one scheduler thread, created from the {@code CamelContext}'s executor service manager.
 */
public class PostgresClusterService extends AbstractCamelClusterService<PostgresClusterView> {

    /** How often a view checks its session and, when following, tries to take the lock. */
    public static final Duration DEFAULT_ACQUIRE_INTERVAL = Duration.ofSeconds(2);
    /** How long {@code SELECT 1} on a lock session may take before the session counts as lost. */
    public static final Duration DEFAULT_CONNECTION_CHECK_TIMEOUT = Duration.ofSeconds(1);

    private final DataSource dataSource;
    private Duration acquireInterval = DEFAULT_ACQUIRE_INTERVAL;
    private Duration connectionCheckTimeout = DEFAULT_CONNECTION_CHECK_TIMEOUT;
    private ScheduledExecutorService executor;

    /** A service whose instance id is random; prefer {@link #PostgresClusterService(DataSource, String)}. */
    public PostgresClusterService(DataSource dataSource) {
        this(dataSource, "renkei-" + UUID.randomUUID());
    }

    /**
     * @param dataSource the database every hub instance shares
     * @param instanceId this instance's id, as shown in logs and in {@code pg_stat_activity.application_name}
     */
    public PostgresClusterService(DataSource dataSource, String instanceId) {
        super(ObjectHelper.notNull(instanceId, "instanceId"));
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    public DataSource getDataSource() {
        return dataSource;
    }

    public Duration getAcquireInterval() {
        return acquireInterval;
    }

    /** Sets how often views check their session and try to take leadership; applies to views started afterwards. */
    public void setAcquireInterval(Duration acquireInterval) {
        this.acquireInterval = requirePositive(acquireInterval, "acquireInterval");
    }

    public Duration getConnectionCheckTimeout() {
        return connectionCheckTimeout;
    }

    /** Sets how long a session check may take; keep it below the acquire interval. */
    public void setConnectionCheckTimeout(Duration connectionCheckTimeout) {
        this.connectionCheckTimeout = requirePositive(connectionCheckTimeout, "connectionCheckTimeout");
    }

    @Override
    protected PostgresClusterView createView(String namespace) {
        return new PostgresClusterView(this, namespace);
    }

    @Override
    protected void doStop() throws Exception {
        super.doStop();
        synchronized (this) {
            if (executor != null) {
                getCamelContext().getExecutorServiceManager().shutdown(executor);
                executor = null;
            }
        }
    }

    /** The scheduler the views run their ticks on; created on first use because the context is set late. */
    synchronized ScheduledExecutorService executor() {
        if (executor == null) {
            CamelContext context = ObjectHelper.notNull(getCamelContext(), "CamelContext");
            executor = context.getExecutorServiceManager()
                    .newSingleThreadScheduledExecutor(this, "PostgresClusterService-" + getId());
        }
        return executor;
    }

    private static Duration requirePositive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
        return value;
    }
}
