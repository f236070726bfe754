package jp.renkei.hub.shinsei;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Clock;
import java.util.HashSet;
import jp.renkei.connectors.delivery.ClientTls;
import jp.renkei.connectors.journal.Journal;
import jp.renkei.connectors.kiban.NotificationCursor;
import jp.renkei.connectors.ledger.ProviderLedger;
import jp.renkei.connectors.shinsei.AttachmentDownload;
import jp.renkei.connectors.shinsei.DecisionPoster;
import jp.renkei.connectors.shinsei.ShinseiClient;
import jp.renkei.connectors.shinsei.ShinseiSettings;
import jp.renkei.connectors.shinsei.SubmissionRegister;
import jp.renkei.connectors.shinsei.SubmissionSink;
import jp.renkei.connectors.store.ContentStore;
import jp.renkei.hub.backbone.ConditionalOnFlow;
import jp.renkei.hub.backbone.FlowDefinition;
import jp.renkei.hub.backbone.FlowEvents;
import jp.renkei.hub.backbone.UnitIntake;
import jp.renkei.hub.config.RenkeiProperties;
import jp.renkei.mappings.shinsei.SubmissionKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code shinsei-to-ledger}: submissions filed with this authority in the 電子申請・届出システム → the provider ledger,
 * and the authority's decisions (受付完了 / 差戻し) back to the filing system.
 *
 * <p>One hub instance at a time polls the submission events after the persisted cursor ({@link SubmissionPoller}):
 * each submission is taken in as one unit with its attachments in the content store; its record (this authority's
 * part, keyed by 事業所番号, {@link SubmissionSource}) reaches {@link SubmissionSink}, which registers it — or refuses
 * it with the reason when its form does not map — or closes it when the applicant withdrew it before a decision.
 * Deciding (operator API, or automatically for {@code auto-accept} kinds) applies the changes to the ledger and writes
 * the decision in one transaction; a second route posts due decisions with their id as Idempotency-Key.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnFlow(ShinseiToLedgerConfiguration.ID)
@EnableConfigurationProperties({ShinseiProperties.class, ShinseiToLedgerProperties.class})
public class ShinseiToLedgerConfiguration {

    public static final String ID = "shinsei-to-ledger";
    public static final String POLL_ROUTE = ID + "-poll";
    public static final String DECISIONS_ROUTE = ID + "-decisions";

    private static final Logger log = LoggerFactory.getLogger(ShinseiToLedgerConfiguration.class);

    private final ShinseiProperties connector;
    private final ShinseiToLedgerProperties properties;
    private final ObjectMapper json = new ObjectMapper();

    ShinseiToLedgerConfiguration(ShinseiProperties connector, ShinseiToLedgerProperties properties) {
        this.connector = connector;
        this.properties = properties;
        for (String kind : properties.autoAccept()) {
            if (SubmissionKind.byCode(kind).isEmpty()) {
                throw new IllegalArgumentException("renkei.flows.shinsei-to-ledger.auto-accept: unknown kind " + kind);
            }
        }
    }

    /** The register of submissions and decisions: the flow's sink registers into it, the operator API decides on it. */
    @Bean
    SubmissionRegister shinseiToLedgerRegister(JdbcTemplate jdbc, TransactionTemplate tx, FlowEvents flowEvents,
                                               RenkeiProperties renkei) {
        return new SubmissionRegister(ID, jdbc, tx, new ProviderLedger(jdbc, tx),
                flowEvents.recorder(ID, renkei.flows().get(ID)), Clock.systemUTC());
    }

    /** The register records the events of what it applies (the same recorder the backbone holds for the flow). */
    @Bean
    FlowDefinition shinseiToLedgerFlow(SubmissionRegister register, TransactionTemplate tx, Journal journal) {
        return FlowDefinition.of(ID, new SubmissionSource(), (flow, events) -> {
            if (!properties.autoAccept().isEmpty()) {
                log.info("flow {}: accepts {} automatically on receipt", ID, properties.autoAccept());
            }
            return new SubmissionSink(register, tx, journal, new HashSet<>(properties.autoAccept()));
        });
    }

    /** The filing API for this authority; its address is required. */
    @Bean
    ShinseiClient shinseiClient() {
        URI baseUrl = connector.baseUrl();
        if (baseUrl == null || baseUrl.toString().isBlank()) {
            throw new IllegalStateException("renkei.shinsei.base-url is required by flow " + ID
                    + " (RENKEI_SHINSEI_BASE_URL): set the filing system's address, or turn the flow off");
        }
        return new ShinseiClient(new ShinseiSettings(baseUrl, connector.authorityCode(), connector.connectTimeout(),
                connector.requestTimeout(), connector.maxAttachmentSize().toBytes(), connector.maxSubmissionSize().toBytes(),
                new ClientTls(connector.keyStore(), connector.keyStorePassword(), connector.trustStore(), connector.trustStorePassword())),
                json);
    }

    @Bean
    SubmissionPoller shinseiToLedgerPoller(ShinseiClient client, ContentStore store, JdbcTemplate jdbc, UnitIntake intake) {
        log.info("flow {}: polling submissions for authority {} at {} every {}", ID, connector.authorityCode(),
                client.settings().baseUrl(), properties.pollInterval());
        return new SubmissionPoller(ID, client, new AttachmentDownload(client, store), new NotificationCursor(jdbc, ID),
                intake, json, properties.pageSize(), properties.maxPagesPerPoll());
    }

    @Bean
    DecisionPoster shinseiToLedgerDecisionPoster(ShinseiClient client, JdbcTemplate jdbc) {
        ShinseiToLedgerProperties.Decisions decisions = properties.decisions();
        return new DecisionPoster(client, jdbc, new DecisionPoster.Retry(decisions.maxAttempts(), decisions.initialDelay(),
                decisions.multiplier(), decisions.maxDelay(), decisions.jitter()), Clock.systemUTC());
    }

    @Bean
    ShinseiToLedgerRoutes shinseiToLedgerRoutes(SubmissionPoller poller, DecisionPoster poster) {
        return new ShinseiToLedgerRoutes(poller, poster, properties.pollInterval(), properties.decisions().postInterval());
    }
}
