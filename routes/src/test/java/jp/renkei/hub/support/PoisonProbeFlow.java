package jp.renkei.hub.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicInteger;
import jp.renkei.connectors.delivery.DeliveryOutcome;
import jp.renkei.hub.backbone.DropEndpoints;
import jp.renkei.hub.backbone.DropFolderIntakeRoutes;
import jp.renkei.hub.backbone.FileIntake;
import jp.renkei.hub.backbone.FlowDefinition;
import jp.renkei.hub.backbone.RecordSource;
import jp.renkei.hub.backbone.SourceRecord;
import jp.renkei.hub.backbone.UnitContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A test flow, {@code poison-probe}, whose reader fails on every read of a unit holding {@code POISON} (as a parse
 * error deep in a large body would), after the records before it; counts how often a unit was opened.
 */
@Configuration(proxyBeanMethods = false)
public class PoisonProbeFlow {

    public static final String ID = "poison-probe";
    /** How often the reader was opened, over all units. */
    public static final AtomicInteger OPENED = new AtomicInteger();

    @Bean
    FlowDefinition poisonProbeDefinition() {
        return FlowDefinition.of(ID, new PoisonedSource(), (properties, events) -> batch -> DeliveryOutcome.allApplied(false));
    }

    @Bean
    DropFolderIntakeRoutes poisonProbeRoutes(DropEndpoints dropEndpoints, FileIntake fileIntake) {
        return new DropFolderIntakeRoutes(ID, dropEndpoints, fileIntake);
    }

    /** One record per line; a line {@code POISON} throws. */
    static final class PoisonedSource implements RecordSource {
        @Override
        public Reader open(InputStream content, UnitContext unit) throws IOException {
            OPENED.incrementAndGet();
            String[] lines = new String(content.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            return new Reader() {
                int next;

                @Override
                public boolean hasNext() {
                    return next < lines.length;
                }

                @Override
                public SourceRecord next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    String line = lines[next++];
                    if (line.equals("POISON")) {
                        throw new IllegalStateException("line " + next + ": the reader cannot go on");
                    }
                    return new SourceRecord.Accepted(next, line, com.fasterxml.jackson.databind.node.TextNode.valueOf(line));
                }

                @Override
                public void close() {
                }
            };
        }
    }
}
