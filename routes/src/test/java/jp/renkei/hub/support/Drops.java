package jp.renkei.hub.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import jp.renkei.hub.backbone.DropEndpoints;

/** Drops files into a flow's inbox the way a well-behaved sender does: written under a temp name, then renamed. */
public final class Drops {

    private Drops() {
    }

    public static Path drop(DropEndpoints folders, String flow, String name, List<String> lines) throws IOException {
        Path inbox = folders.folder("inbox", flow);
        Files.createDirectories(inbox);
        Path temp = inbox.resolve(name + ".tmp");
        Files.write(temp, lines, StandardCharsets.UTF_8);
        return Files.move(temp, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }
}
