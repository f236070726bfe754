package jp.renkei.hub.backbone;

import jp.renkei.hub.config.FlowProperties;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** {@link ConditionalOnFlow}: the flow's {@code renkei.flows.<id>} block is there and enabled (as {@link Flows} reads it). */
class OnFlowCondition extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        String id = (String) metadata.getAnnotationAttributes(ConditionalOnFlow.class.getName()).get("value");
        String prefix = "renkei.flows." + id;
        return Binder.get(context.getEnvironment()).bind(prefix, FlowProperties.class)
                .map(flow -> flow.enabled()
                        ? ConditionOutcome.match(prefix + " is configured and enabled")
                        : ConditionOutcome.noMatch(prefix + ".enabled is false"))
                .orElseGet(() -> ConditionOutcome.noMatch(prefix + " is not configured"));
    }
}
