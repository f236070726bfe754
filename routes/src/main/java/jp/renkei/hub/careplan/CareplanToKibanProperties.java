package jp.renkei.hub.careplan;

import java.util.List;
import jp.renkei.hub.config.FlowProperties;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The flow-specific keys of {@code renkei.flows.careplan-to-kiban.*} (the backbone's keys are in {@link FlowProperties}).
 *
 * @param sources the care-plan flows whose accepted files are registered to the platform: {@code careplan-outbound}
 *                (plans the care-manager offices this hub serves sent through the relay: the default, as a municipality
 *                registers the plans made for its insured) and/or {@code careplan-inbound} (plans received from the
 *                relay for the service offices this hub serves)
 */
@ConfigurationProperties("renkei.flows.careplan-to-kiban")
public record CareplanToKibanProperties(@DefaultValue("careplan-outbound") List<String> sources) {
}
