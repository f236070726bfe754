package jp.renkei.hub.shinsei;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Clock;
import java.util.HashSet;
import java.util.Optional;
import jp.renkei.connectors.delivery.Sink;
import jp.renkei.connectors.events.EventRecorder;
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
import jp.renkei.hub.backbone.FlowDefinition;
import jp.renkei.hub.backbone.Flows;
import jp.renkei.hub.backbone.RecordSource;
import jp.renkei.hub.backbone.UnitIntake;
import jp.renkei.hub.config.FlowProperties;
import jp.renkei.mappings.shinsei.SubmissionKind;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
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
@Component
@EnableConfigurationProperties({ShinseiProperties.class, ShinseiToLedgerProperties.class})
public class ShinseiToLedgerFlow extends RouteBuilder implements FlowDefinition {

    public static final String ID = "shinsei-to-ledger";
    public static final String POLL_ROUTE = ID + "-poll";
    public static final String DECISIONS_ROUTE = ID + "-decisions";

    private static final Logger log = LoggerFactory.getLogger(ShinseiToLedgerFlow.class);

    private final ShinseiProperties connector;
    private final ShinseiToLedgerProperties properties;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Journal journal;
    private final ContentStore store;
    private final ObjectProvider<UnitIntake> intake;
    private final ObjectMapper json = new ObjectMapper();
    private volatile SubmissionRegister register;

    public ShinseiToLedgerFlow(ShinseiProperties connector, ShinseiToLedgerProperties properties, JdbcTemplate jdbc,
                               TransactionTemplate tx, Journal journal, ContentStore store, ObjectProvider<UnitIntake> intake) {
        this.connector = connector;
        this.properties = properties;
        this.jdbc = jdbc;
        this.tx = tx;
        this.journal = journal;
        this.store = store;
        this.intake = intake;
        for (String kind : properties.autoAccept()) {
            if (SubmissionKind.byCode(kind).isEmpty()) {
                throw new IllegalArgumentException("renkei.flows.shinsei-to-ledger.auto-accept: unknown kind " + kind);
            }
        }
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public RecordSource recordSource() {
        return new SubmissionSource();
    }

    @Override
    public Sink sink(FlowProperties flow) {
        return sink(flow, EventRecorder.NONE);
    }

    @Override
    public Sink sink(FlowProperties flow, EventRecorder events) {
        register = new SubmissionRegister(ID, jdbc, tx, new ProviderLedger(jdbc, tx), events, Clock.systemUTC());
        if (!properties.autoAccept().isEmpty()) {
            log.info("flow {}: accepts {} automatically on receipt", ID, properties.autoAccept());
        }
        return new SubmissionSink(register, tx, journal, new HashSet<>(properties.autoAccept()));
    }

    /** The register of submissions and decisions (the operator API's); empty while the flow is off. */
    public Optional<SubmissionRegister> register() {
        return Optional.ofNullable(register);
    }

    /** The filing API for this authority, as configured; no {@code renkei.shinsei.base-url} is a start-up error. */
    public ShinseiSettings settings() {
        URI baseUrl = connector.baseUrl();
        if (baseUrl == null || baseUrl.toString().isBlank()) {
            throw new IllegalStateException("renkei.shinsei.base-url is required by flow " + ID
                    + " (RENKEI_SHINSEI_BASE_URL): set the filing system's address, or switch the flow off");
        }
        return new ShinseiSettings(baseUrl, connector.authorityCode(), connector.connectTimeout(), connector.requestTimeout(),
                connector.maxAttachmentSize().toBytes(), connector.maxSubmissionSize().toBytes());
    }

    @Override
    public void configure() {
        if (!getContext().getRegistry().findSingleByType(Flows.class).isEnabled(ID)) {
            return;
        }
        ShinseiClient client = new ShinseiClient(settings(), json);
        SubmissionPoller poller = new SubmissionPoller(ID, client, new AttachmentDownload(client, store),
                new NotificationCursor(jdbc, ID), intake.getObject(), json, properties.pageSize(), properties.maxPagesPerPoll());
        ShinseiToLedgerProperties.Decisions decisions = properties.decisions();
        DecisionPoster poster = new DecisionPoster(client, jdbc, new DecisionPoster.Retry(decisions.maxAttempts(),
                decisions.initialDelay(), decisions.multiplier(), decisions.maxDelay(), decisions.jitter()), Clock.systemUTC());
        log.info("flow {}: polling submissions for authority {} at {} every {}", ID, connector.authorityCode(),
                client.settings().baseUrl(), properties.pollInterval());

        // one instance polls and posts at a time (ADR 0003); a failed poll or post is retried by the next tick
        from("master:" + POLL_ROUTE + ":timer:" + POLL_ROUTE + "?delay=1000&period=" + properties.pollInterval().toMillis())
                .routeId(POLL_ROUTE)
                .bean(poller, "poll");
        from("master:" + DECISIONS_ROUTE + ":timer:" + DECISIONS_ROUTE + "?delay=1000&period=" + decisions.postInterval().toMillis())
                .routeId(DECISIONS_ROUTE)
                .bean(poster, "postDue");
    }
}
