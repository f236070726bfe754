package jp.renkei.hub.config;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Vendor systems allowed to post units: {@code renkei.vendors[n].{name, token, flows}}. Tokens come from the
 * environment (e.g. {@code ${RENKEI_VENDOR_ACME_TOKEN}}), never from a committed file.
 */
@ConfigurationProperties("renkei")
public record VendorProperties(List<Vendor> vendors) {

    public List<Vendor> vendors() {
        return vendors == null ? List.of() : vendors;
    }

    public record Vendor(String name, String token, List<String> flows) {
        public List<String> flows() {
            return flows == null ? List.of() : flows;
        }
    }
}
