package jp.renkei.hub.careplan;

import java.net.URI;

/** Where the relay is: its base URI ({@code renkei.careplan.relay.url}). */
public record CareplanRelayEndpoint(URI baseUri) {
}
