package jp.renkei.hub.careplan;

import java.net.URI;
import java.util.Optional;
import jp.renkei.simulators.relay.RelaySimulator;

/** Where the relay is: its base URI, and the relay simulator when this is the embedded demo. */
public record CareplanRelayEndpoint(URI baseUri, Optional<RelaySimulator> simulator) {
}
