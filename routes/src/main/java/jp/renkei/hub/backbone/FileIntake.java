package jp.renkei.hub.backbone;

import java.io.InputStream;
import jp.renkei.connectors.journal.IntakeOutcome;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
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

    public IntakeOutcome intake(Exchange exchange, @Header(Exchange.FILE_NAME_ONLY) String name) throws Exception {
        return intakeInto(exchange.getFromRouteId().replaceFirst("-intake$", ""), exchange);
    }

    /** The same, for a flow with several intake routes (e.g. an SFTP drop and a local one). */
    public IntakeOutcome intakeInto(String flow, Exchange exchange) throws Exception {
        String name = exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY, String.class);
        try (InputStream content = exchange.getMessage().getMandatoryBody(InputStream.class)) {
            return intake.intake(flow, UnitOrigin.drop(exchange.getFromEndpoint().getEndpointBaseUri()), name, content, false);
        }
    }
}
