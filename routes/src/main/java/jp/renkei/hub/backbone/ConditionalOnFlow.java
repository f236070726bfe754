package jp.renkei.hub.backbone;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Conditional;

/**
 * Guards a flow's configuration: its beans (clients, sinks, pollers, routes, {@link FlowDefinition}) exist only when
 * application.yml has a {@code renkei.flows.<id>} block that is not {@code enabled: false}. So a flow that is off
 * builds nothing and needs none of its settings, and no flow tests at run time whether it is enabled.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Conditional(OnFlowCondition.class)
public @interface ConditionalOnFlow {

    /** The flow id ({@code renkei.flows.<id>}). */
    String value();
}
