package jp.renkei.simulators.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import jp.renkei.simulators.SimulatorSettings;
import jp.renkei.simulators.Simulators;
import jp.renkei.simulators.sftp.MunicipalSftpServer;
import org.apache.commons.logging.Log;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.Ordered;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Profiles;

/**
 * The demo: with the {@code demo} profile active (or {@code renkei.simulators.enabled=true}, as the tests set it) and
 * not switched off by {@code renkei.simulators.enabled=false}, it starts the SIMULATED national systems and the
 * municipal SFTP server and publishes their addresses as the ordinary keys the hub reads — only where the
 * configuration leaves a key empty:
 *
 * <ul>
 *   <li>{@code renkei.kiban.base-url}, {@code renkei.shinsei.base-url}, {@code renkei.careplan.relay.url};</li>
 *   <li>for each {@code renkei.flows.<id>.sftp} block that is enabled with no host: {@code host}, {@code port},
 *       {@code username}, {@code password} (generated per start), {@code known-hosts-file} (the simulated server's
 *       host key pinned in {@code <data-dir>/sim/known_hosts}: host-key checking stays on) and its folders created
 *       on the simulated server;</li>
 *   <li>the care-plan key material ({@link DemoCareplanPki}): {@code renkei.careplan.relay.certificate},
 *       {@code trust-anchors}, {@code key-stores}, {@code offices} (the two demo offices with their relay tokens,
 *       keeping a configured {@code drop} of the same office).</li>
 * </ul>
 *
 * Ports come from {@code renkei.simulators.http-port} / {@code sftp-port} (8089 / 2222; 0 = free ports, the tests).
 * A command-line verb (no web server) gets only the care-plan key material, no servers. Never on the production
 * classpath: this module is in the demo jar and the tests only.
 */
public class DemoEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    public static final String PROFILE = "demo";

    /** The folder family of each municipal export flow's default SFTP folders ({@code <family>/outbox} and so on). */
    private static final Map<String, String> SFTP_FOLDERS = Map.of(
            "insured-to-kiban", "insured", "certification-to-kiban", "certification", "benefit-usage-to-kiban", "benefit");

    private static final ResolvableType STRING_OBJECT_MAP = ResolvableType.forClassWithGenerics(Map.class, String.class, Object.class);

    private final Log log;

    public DemoEnvironmentPostProcessor(DeferredLogFactory logs) {
        this.log = logs.getLog(DemoEnvironmentPostProcessor.class);
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;   // after the config files are read
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!active(environment) || environment.getPropertySources().contains(DemoPropertySource.NAME)) {
            return;
        }
        Binder binder = Binder.get(environment);
        Path dataDir = Path.of(environment.getProperty("renkei.data-dir", "data"));
        Map<String, Object> published = new LinkedHashMap<>();
        DemoCareplanPki pki = DemoCareplanPki.ensure(dataDir);
        publishCareplanKeys(environment, binder, pki, published);

        Simulators simulators = null;
        SimulatorSettings settings = null;
        if (application.getWebApplicationType() != WebApplicationType.NONE) {
            settings = SimulatorSettings.defaults(dataDir)
                    .withPorts(environment.getProperty("renkei.simulators.http-port", Integer.class, 8089),
                            environment.getProperty("renkei.simulators.sftp-port", Integer.class, 2222))
                    .withShinsei(environment.getProperty("renkei.shinsei.authority-code", SimulatorSettings.DEFAULT_AUTHORITY_CODE),
                            environment.getProperty("renkei.simulators.shinsei-samples", Boolean.class, true));
            try {
                simulators = Simulators.start(settings);
            } catch (IOException e) {
                throw new UncheckedIOException("the demo cannot start the simulators", e);
            }
            // stopped with the application, also when it fails to start (their server threads would keep the JVM alive)
            application.addListeners(new StopWithTheApplication(simulators));
            publishAddresses(environment, binder, dataDir, simulators, settings, published);
        }
        environment.getPropertySources().addFirst(new DemoPropertySource(published, pki, simulators, settings));
        log.warn("DEMO: the national systems are SIMULATED (profile '" + PROFILE + "'); published " + published.keySet().stream()
                .filter(key -> !key.contains("password") && !key.contains("token")).toList());
    }

    /** Stops the simulators once: when the application's (root) context closes, or when the application fails to start. */
    static final class StopWithTheApplication implements ApplicationListener<ApplicationEvent> {

        private final Simulators simulators;
        private final AtomicBoolean stopped = new AtomicBoolean();

        StopWithTheApplication(Simulators simulators) {
            this.simulators = simulators;
        }

        @Override
        public void onApplicationEvent(ApplicationEvent event) {
            boolean closed = event instanceof ContextClosedEvent context && context.getApplicationContext().getParent() == null;
            if ((closed || event instanceof ApplicationFailedEvent) && stopped.compareAndSet(false, true)) {
                simulators.close();
            }
        }
    }

    static boolean active(ConfigurableEnvironment environment) {
        String enabled = environment.getProperty("renkei.simulators.enabled", "");
        if ("false".equalsIgnoreCase(enabled)) {
            return false;
        }
        return "true".equalsIgnoreCase(enabled) || environment.acceptsProfiles(Profiles.of(PROFILE));
    }

    private void publishAddresses(ConfigurableEnvironment environment, Binder binder, Path dataDir, Simulators simulators,
                                  SimulatorSettings settings, Map<String, Object> published) {
        simulators.kiban().ifPresent(kiban -> putIfEmpty(environment, published, "renkei.kiban.base-url", kiban.apiBaseUrl()));
        simulators.shinsei().ifPresent(shinsei -> putIfEmpty(environment, published, "renkei.shinsei.base-url", shinsei.apiBaseUrl()));
        putIfEmpty(environment, published, "renkei.careplan.relay.url", simulators.http().baseUrl());
        published.put("renkei.simulated-systems", simulators.http().baseUrl()
                + simulators.sftp().map(sftp -> ", municipal SFTP on port " + sftp.port()).orElse(""));
        if (simulators.sftp().isEmpty()) {
            return;
        }
        MunicipalSftpServer server = simulators.sftp().get();
        Path knownHosts = dataDir.toAbsolutePath().resolve("sim").resolve("known_hosts");
        try {
            server.writeKnownHosts(knownHosts);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot pin the simulated SFTP server's host key in " + knownHosts, e);
        }
        Map<String, Map<String, Object>> flows = binder.bind("renkei.flows", flowsBindable()).orElse(Map.of());
        for (Map.Entry<String, Map<String, Object>> flow : flows.entrySet()) {
            if (!(flow.getValue().get("sftp") instanceof Map<?, ?> sftp)
                    || "false".equalsIgnoreCase(String.valueOf(sftp.get("enabled")))
                    || !blank(sftp.get("host"))) {
                continue;
            }
            String prefix = "renkei.flows." + flow.getKey() + ".sftp.";
            published.put(prefix + "host", "127.0.0.1");
            published.put(prefix + "port", server.port());
            published.put(prefix + "username", SimulatorSettings.DEFAULT_SFTP_USER);
            published.put(prefix + "password", settings.sftpPasswordUsers().get(SimulatorSettings.DEFAULT_SFTP_USER));
            published.put(prefix + "known-hosts-file", knownHosts.toString());
            published.put(prefix + "strict-host-key-checking", "true");
            String family = SFTP_FOLDERS.get(flow.getKey());
            createFolder(server, sftp.get("directory"), family == null ? null : family + "/outbox");
            createFolder(server, sftp.get("archive-directory"), family == null ? null : "/" + family + "/archive");
            createFolder(server, sftp.get("error-directory"), family == null ? null : "/" + family + "/error");
        }
    }

    private static Bindable<Map<String, Map<String, Object>>> flowsBindable() {
        return Bindable.of(ResolvableType.forClassWithGenerics(Map.class, ResolvableType.forClass(String.class), STRING_OBJECT_MAP));
    }

    private static void createFolder(MunicipalSftpServer server, Object configured, String otherwise) {
        String folder = blank(configured) ? otherwise : String.valueOf(configured);
        if (folder == null) {
            return;
        }
        try {
            Files.createDirectories(server.root().resolve(folder.replaceFirst("^/+", "")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + folder + " on the simulated municipal SFTP server", e);
        }
    }

    private void publishCareplanKeys(ConfigurableEnvironment environment, Binder binder, DemoCareplanPki pki,
                                     Map<String, Object> published) {
        if (!blank(environment.getProperty("renkei.careplan.relay.url"))) {
            return;   // a real relay: its certificate, stores and offices are configured with it
        }
        putIfEmpty(environment, published, "renkei.careplan.relay.certificate", pki.relayCertificate().toString());
        if (environment.getProperty("renkei.careplan.trust-anchors[0]") == null) {
            published.put("renkei.careplan.trust-anchors[0]", pki.caCertificate().toString());
        }
        if (environment.getProperty("renkei.careplan.key-stores[0].path") == null) {
            published.put("renkei.careplan.key-stores[0].path", pki.officeStore().toString());
            published.put("renkei.careplan.key-stores[0].password", new String(pki.storePassword()));
        }
        published.putAll(officeProperties(binder, pki));
    }

    /**
     * The demo offices as {@code renkei.careplan.offices[i].*} with their relay tokens; a drop configured for one of
     * them ({@code renkei.careplan.offices[*].drop}, matched by number) is kept.
     */
    static Map<String, Object> officeProperties(Binder binder, DemoCareplanPki pki) {
        Map<String, Object> published = new LinkedHashMap<>();
        List<Map<String, Object>> configured = binder.bind("renkei.careplan.offices", officesBindable()).orElse(List.of());
        for (int i = 0; i < DemoCareplanPki.OFFICES.size(); i++) {
            DemoCareplanPki.Office office = DemoCareplanPki.OFFICES.get(i);
            String prefix = "renkei.careplan.offices[" + i + "].";
            published.put(prefix + "number", office.number());
            published.put(prefix + "service-type", office.serviceType());
            published.put(prefix + "name", office.name());
            published.put(prefix + "token", pki.token(office.number()));
            configured.stream().filter(o -> office.number().equals(String.valueOf(o.get("number"))))
                    .findFirst().map(o -> o.get("drop")).filter(Map.class::isInstance)
                    .ifPresent(drop -> ((Map<?, ?>) drop).forEach((key, value) -> published.put(prefix + "drop." + key, value)));
        }
        return published;
    }

    private static Bindable<List<Map<String, Object>>> officesBindable() {
        return Bindable.of(ResolvableType.forClassWithGenerics(List.class, STRING_OBJECT_MAP));
    }

    private static void putIfEmpty(ConfigurableEnvironment environment, Map<String, Object> published, String key, Object value) {
        if (blank(environment.getProperty(key))) {
            published.put(key, value);
        }
    }

    private static boolean blank(Object value) {
        return value == null || String.valueOf(value).isBlank();
    }
}
