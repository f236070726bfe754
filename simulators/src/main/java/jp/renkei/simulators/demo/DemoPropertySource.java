package jp.renkei.simulators.demo;

import java.util.Map;
import java.util.Optional;
import jp.renkei.simulators.SimulatorSettings;
import jp.renkei.simulators.Simulators;
import org.springframework.core.env.MapPropertySource;

/**
 * The addresses and credentials the demo publishes ({@value #NAME}, first in the environment): ordinary
 * {@code renkei.*} keys, so the hub reads configuration only. It also carries what the demo started, for
 * {@link DemoAutoConfiguration} to expose as beans (and close with the context).
 */
final class DemoPropertySource extends MapPropertySource {

    static final String NAME = "renkei-demo";

    private final DemoCareplanPki pki;
    private final Simulators simulators;
    private final SimulatorSettings settings;

    DemoPropertySource(Map<String, Object> properties, DemoCareplanPki pki, Simulators simulators, SimulatorSettings settings) {
        super(NAME, properties);
        this.pki = pki;
        this.simulators = simulators;
        this.settings = settings;
    }

    DemoCareplanPki pki() {
        return pki;
    }

    /** The running simulators; empty for a command-line verb (no servers, only the demo's key material). */
    Optional<Simulators> simulators() {
        return Optional.ofNullable(simulators);
    }

    SimulatorSettings settings() {
        return settings;
    }
}
