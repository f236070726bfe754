package jp.renkei.hub.backbone;

import org.apache.camel.builder.RouteBuilder;

/** A flow whose only route is its drop folder ({@link DropEndpoints#inbox}) into intake, route id {@code <flow>-intake}. */
public class DropFolderIntakeRoutes extends RouteBuilder {

    private final String flow;
    private final DropEndpoints dropFolders;
    private final FileIntake fileIntake;

    public DropFolderIntakeRoutes(String flow, DropEndpoints dropFolders, FileIntake fileIntake) {
        this.flow = flow;
        this.dropFolders = dropFolders;
        this.fileIntake = fileIntake;
    }

    @Override
    public void configure() {
        from(dropFolders.inbox(flow))
                .routeId(flow + "-intake")
                .process(fileIntake.into(flow));
    }
}
