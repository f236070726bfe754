package jp.renkei.hub.careplan;

import java.util.Map;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The care-plan beans exist when application.yml configures a care-plan flow ({@code renkei.flows.careplan-*}) and
 * does not switch it off ({@code enabled: false}): a hub without the care-plan relay needs no certificates.
 */
public final class CareplanConfigured implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Binder binder = Binder.get(context.getEnvironment());
        return enabled(binder, CareplanOutboundConfiguration.ID) || enabled(binder, CareplanInboundConfiguration.ID);
    }

    private static boolean enabled(Binder binder, String flow) {
        return binder.bind("renkei.flows." + flow, Bindable.mapOf(String.class, Object.class))
                .map(block -> !"false".equalsIgnoreCase(String.valueOf(block.getOrDefault("enabled", "true"))))
                .orElse(false);
    }
}
