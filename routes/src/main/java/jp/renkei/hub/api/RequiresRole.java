package jp.renkei.hub.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import jp.renkei.hub.config.OperatorProperties.Role;

/**
 * The role an operator API method needs, where it differs from the default ({@link OperatorAuthentication}: reads
 * need {@code viewer}, other methods {@code operator}).
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface RequiresRole {
    Role value();
}
