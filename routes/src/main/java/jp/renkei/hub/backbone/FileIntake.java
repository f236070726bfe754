package jp.renkei.hub.backbone;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import java.util.function.Function;
import jp.renkei.connectors.journal.IntakeOutcome;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.remote.SftpRemoteFile;
import org.springframework.stereotype.Component;

/**
 * Takes a file picked up by a drop-folder route in as a unit. The route's consumer moves the file to the archive only
 * after this returns, i.e. after the unit is stored and journaled.
 *
 * <p>Only what the sender wrote is taken: a symbolic link (locally or on the SFTP server), a device or anything else
 * that is not a regular file is refused unread, with a reason in the journal and the sender's report — a link to
 * {@code /etc/passwd} must never become a unit. A file whose size or time changed while it was read (a sender still
 * writing under the final name) is refused too, its partial content kept for the operator: it is never sent on.
 */
@Component
public class FileIntake {

    private final UnitIntake intake;

    public FileIntake(UnitIntake intake) {
        this.intake = intake;
    }

    /** The step of a drop-folder route of {@code flow} that takes the picked-up file in. */
    public Processor into(String flow) {
        return into(flow, exchange -> UnitOrigin.drop(exchange.getFromEndpoint().getEndpointBaseUri()));
    }

    /** The same, the unit's origin told by the route (e.g. a care-plan office's own drop). */
    public Processor into(String flow, Function<Exchange, UnitOrigin> origin) {
        return exchange -> intakeInto(flow, origin.apply(exchange), exchange);
    }

    private IntakeOutcome intakeInto(String flow, UnitOrigin origin, Exchange exchange) throws Exception {
        String name = exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY, String.class);
        GenericFile<?> file = exchange.getMessage().getBody(GenericFile.class);
        Optional<String> notRegular = file == null ? Optional.empty() : notARegularFile(file);
        if (notRegular.isPresent()) {
            return intake.refuse(flow, origin, name, notRegular.get());
        }
        try (InputStream content = exchange.getMessage().getMandatoryBody(InputStream.class)) {
            return intake.intake(flow, origin, name, content, false,
                    stored -> file == null ? Optional.empty() : changedWhileRead(file, stored.size()));
        } catch (UnitIntake.Refusal tooLarge) {
            // nothing of it is kept; the journal and the sender's report say why, and the file goes to the archive
            return intake.refuse(flow, origin, name, tooLarge.getMessage());
        }
    }

    /** Why the picked-up entry is not the sender's file to give; empty for a regular file. */
    static Optional<String> notARegularFile(GenericFile<?> file) throws IOException {
        Object entry = file.getFile();
        String kind = null;
        if (entry instanceof File local) {
            BasicFileAttributes attributes = Files.readAttributes(local.toPath(), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            kind = attributes.isSymbolicLink() ? "a symbolic link" : attributes.isRegularFile() ? null
                    : attributes.isDirectory() ? "a directory" : "not a regular file (device, pipe or socket)";
        } else if (entry instanceof SftpRemoteFile<?> remote) {
            // the listing's long name is ls -l's line: its first character is the entry's type
            String longName = remote.getLongname();
            char type = longName == null || longName.isEmpty() ? '-' : longName.charAt(0);
            kind = type == 'l' ? "a symbolic link" : type == '-' ? null : type == 'd' ? "a directory" : "not a regular file";
        }
        return Optional.ofNullable(kind).map(k -> "通常のファイルではありません (" + k + ")。読み込まずに拒否しました / "
                + "the entry is " + k + ", not a regular file: refused unread");
    }

    /** Why the stored content is not the file as listed: it grew or changed while it was read; empty when it is. */
    static Optional<String> changedWhileRead(GenericFile<?> file, long storedBytes) throws IOException {
        long listed = file.getFileLength();
        boolean changed = listed >= 0 && storedBytes != listed;
        if (!changed && file.getFile() instanceof File local) {
            Path path = local.toPath();
            changed = !Files.exists(path, LinkOption.NOFOLLOW_LINKS) || Files.size(path) != storedBytes
                    || (file.getLastModified() > 0 && Files.getLastModifiedTime(path, LinkOption.NOFOLLOW_LINKS).toMillis() != file.getLastModified());
        }
        return changed ? Optional.of("読み込み中にファイルが変更されました (一覧時 " + listed + " バイト、読み込み " + storedBytes
                + " バイト)。書き込みが終わってから置き直してください / the file changed while it was read (listed with " + listed
                + " bytes, read " + storedBytes + "): the sender was still writing it; put it again once complete") : Optional.empty();
    }
}
