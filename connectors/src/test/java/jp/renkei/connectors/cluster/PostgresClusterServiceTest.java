package jp.renkei.connectors.cluster;

import static jp.renkei.connectors.cluster.PollCounts.assertNotPolling;
import static jp.renkei.connectors.cluster.PollCounts.awaitPolling;
import static jp.renkei.connectors.cluster.PollCounts.awaitStopsPolling;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Two hub instances on one real PostgreSQL: which instance's poller runs, and how leadership moves.
 */
class PostgresClusterServiceTest {

    private static EmbeddedPostgres postgres;
    private static DataSource dataSource;

    private final List<HubInstance> instances = new ArrayList<>();

    @BeforeAll
    static void startPostgres() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
        dataSource = postgres.getPostgresDatabase();
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        postgres.close();
    }

    @AfterEach
    void stopInstances() {
        instances.forEach(HubInstance::close);
    }

    @Nested
    class WithMasterEndpoint {

        @Test
        void onlyOneInstancePollsWhileBothRun() throws Exception {
            HubInstance a = masterInstance("hub-a");
            HubInstance b = masterInstance("hub-b");

            HubInstance leader = awaitLeaderAmong(a, b);
            HubInstance follower = leader == a ? b : a;

            awaitPolling(leader.polls());
            assertThat(follower.polls()).hasValue(0);
            assertNotPolling(follower.polls());
            assertThat(leader.isLeader()).isTrue();
            assertThat(follower.isLeader()).isFalse();
        }

        @Test
        void stoppingTheLeaderHandsPollingToTheOtherInstance() throws Exception {
            HubInstance a = masterInstance("hub-a");
            HubInstance b = masterInstance("hub-b");
            HubInstance leader = awaitLeaderAmong(a, b);
            HubInstance follower = leader == a ? b : a;

            leader.close();

            awaitPolling(follower.polls());
            assertThat(follower.isLeader()).isTrue();
            assertThat(advisoryLockHolders()).containsExactly(follower.lockSessionName());
        }

        @Test
        void losingTheLeadersDatabaseSessionStopsItsPollerAndHandsPollingToTheOtherInstance() throws Exception {
            HubInstance a = masterInstance("hub-a");
            HubInstance b = masterInstance("hub-b");
            HubInstance leader = awaitLeaderAmong(a, b);
            HubInstance follower = leader == a ? b : a;

            terminateLockSessionOf(leader);

            awaitStopsPolling(leader.polls());
            assertThat(leader.isLeader()).isFalse();
            awaitPolling(follower.polls());
            assertThat(follower.isLeader()).isTrue();
        }

        @Test
        void anInstanceThatLostItsSessionReconnectsAndCanLeadAgain() throws Exception {
            HubInstance a = masterInstance("hub-a");
            HubInstance b = masterInstance("hub-b");
            HubInstance first = awaitLeaderAmong(a, b);
            HubInstance second = first == a ? b : a;
            terminateLockSessionOf(first);
            awaitPolling(second.polls());

            second.close();

            awaitPolling(first.polls());
            assertThat(first.isLeader()).isTrue();
        }
    }

    @Nested
    class WithClusteredRoutePolicy {

        @Test
        void onlyTheLeadersRouteIsStarted() throws Exception {
            HubInstance a = policyInstance("hub-a");
            HubInstance b = policyInstance("hub-b");

            HubInstance leader = awaitLeaderAmong(a, b);
            HubInstance follower = leader == a ? b : a;

            assertThat(leader.pollerRouteStatus()).isEqualTo(ServiceStatus.Started);
            assertThat(follower.pollerRouteStatus()).isNotEqualTo(ServiceStatus.Started);
            assertNotPolling(follower.polls());
        }

        @Test
        void theRouteOfTheInstanceThatLosesTheLockIsStoppedAndTheOtherStarts() throws Exception {
            HubInstance a = policyInstance("hub-a");
            HubInstance b = policyInstance("hub-b");
            HubInstance leader = awaitLeaderAmong(a, b);
            HubInstance follower = leader == a ? b : a;

            terminateLockSessionOf(leader);

            await("old leader's route stopped").atMost(Duration.ofSeconds(5))
                    .until(leader::pollerRouteStatus, status -> status == ServiceStatus.Stopped);
            assertNotPolling(leader.polls());
            await("new leader's route started").atMost(Duration.ofSeconds(5))
                    .until(follower::pollerRouteStatus, status -> status == ServiceStatus.Started);
            awaitPolling(follower.polls());
        }
    }

    @Nested
    class WhenTheDatabaseIsUnreachable {

        @Test
        void theRouteStartsButNothingPollsUntilTheLockIsHeld() throws Exception {
            HubInstance offline = track(HubInstance.startWithMasterEndpoint(unreachableDatabase(), "hub-offline"));

            assertThat(offline.pollerRouteStatus()).isEqualTo(ServiceStatus.Started);
            assertNotPolling(offline.polls());
            assertThat(offline.isLeader()).isFalse();
        }

        private static DataSource unreachableDatabase() throws IOException {
            int closedPort;
            try (ServerSocket socket = new ServerSocket(0)) {
                closedPort = socket.getLocalPort();
            }
            PGSimpleDataSource dataSource = new PGSimpleDataSource();
            dataSource.setServerNames(new String[] {"localhost"});
            dataSource.setPortNumbers(new int[] {closedPort});
            return dataSource;
        }
    }

    private HubInstance masterInstance(String id) throws Exception {
        return track(HubInstance.startWithMasterEndpoint(dataSource, id));
    }

    private HubInstance policyInstance(String id) throws Exception {
        return track(HubInstance.startWithClusteredRoutePolicy(dataSource, id));
    }

    private HubInstance track(HubInstance instance) {
        instances.add(instance);
        return instance;
    }

    /** Waits until one instance's poller runs and returns that instance. */
    private static HubInstance awaitLeaderAmong(HubInstance a, HubInstance b) {
        await("a leader polling").atMost(Duration.ofSeconds(5))
                .until(() -> a.polls().get() > 0 || b.polls().get() > 0);
        return a.polls().get() > 0 ? a : b;
    }

    /** Kills the instance's lock session from the server side, as a failover or network cut would. */
    private static void terminateLockSessionOf(HubInstance instance) throws SQLException {
        String sql = "SELECT pg_terminate_backend(a.pid) FROM pg_stat_activity a JOIN pg_locks l ON l.pid = a.pid"
                + " WHERE l.locktype = 'advisory' AND l.granted AND a.application_name = ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, instance.lockSessionName());
            try (ResultSet result = statement.executeQuery()) {
                assertThat(result.next()).as("a lock session of %s", instance).isTrue();
                assertThat(result.getBoolean(1)).as("terminated").isTrue();
            }
        }
    }

    /** The application names of the sessions holding an advisory lock. */
    private static List<String> advisoryLockHolders() throws SQLException {
        String sql = "SELECT a.application_name FROM pg_stat_activity a JOIN pg_locks l ON l.pid = a.pid"
                + " WHERE l.locktype = 'advisory' AND l.granted";
        List<String> holders = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql);
                ResultSet result = statement.executeQuery()) {
            while (result.next()) {
                holders.add(result.getString(1));
            }
        }
        return holders;
    }
}
