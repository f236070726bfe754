package jp.renkei.hub.careplan;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** The care-plan beans exist when application.yml configures a care-plan flow ({@code renkei.flows.careplan-*}). */
public final class CareplanConfigured implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Binder binder = Binder.get(context.getEnvironment());
        return binder.bind("renkei.flows." + CareplanOutboundFlow.ID, Bindable.mapOf(String.class, Object.class)).isBound()
                || binder.bind("renkei.flows." + CareplanInboundFlow.ID, Bindable.mapOf(String.class, Object.class)).isBound();
    }
}
