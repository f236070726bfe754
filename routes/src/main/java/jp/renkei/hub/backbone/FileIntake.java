package jp.renkei.hub.backbone;

import java.io.InputStream;
import jp.renkei.connectors.journal.IntakeOutcome;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * Takes a file picked up by a drop-folder route in as a unit. The route's consumer moves the file to the archive only
 * after this returns, i.e. after the unit is stored and journaled.
 */
@Component
public class FileIntake {

    private final UnitIntake intake;

    public FileIntake(UnitIntake intake) {
        this.intake = intake;
    }

    /** The step of a drop-folder route of {@code flow} that takes the picked-up file in. */
    public Processor into(String flow) {
        return exchange -> intakeInto(flow, exchange);
    }

    /** Takes the exchange's file in as a unit of {@code flow}. */
    public IntakeOutcome intakeInto(String flow, Exchange exchange) throws Exception {
        String name = exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY, String.class);
        try (InputStream content = exchange.getMessage().getMandatoryBody(InputStream.class)) {
            return intake.intake(flow, UnitOrigin.drop(exchange.getFromEndpoint().getEndpointBaseUri()), name, content, false);
        }
    }
}
