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
        Seen before = file == null ? null : Seen.of(file);
        try (InputStream content = exchange.getMessage().getMandatoryBody(InputStream.class)) {
            return intake.intake(flow, origin, name, content, false,
                    stored -> before == null ? Optional.empty() : changedWhileRead(file, before, stored.size()));
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

    /**
     * The size (and, locally, the modification time) of a picked-up file just before it is read. A remote file has
     * only its listed size, which can be older than the read lock's wait.
     */
    record Seen(long size, long modified, boolean local) {

        static Seen of(GenericFile<?> file) throws IOException {
            if (file.getFile() instanceof File local && Files.exists(local.toPath(), LinkOption.NOFOLLOW_LINKS)) {
                Path path = local.toPath();
                return new Seen(Files.size(path), Files.getLastModifiedTime(path, LinkOption.NOFOLLOW_LINKS).toMillis(), true);
            }
            return new Seen(file.getFileLength(), file.getLastModified(), false);
        }
    }

    /**
     * Why the stored content is not the whole file: locally, the file's size or time changed while it was read (the
     * sender still writing under its final name), or fewer bytes were read than it held; for a remote file, fewer bytes
     * arrived than it was listed with (a transfer cut short) — more are not taken for a change, as the listing can
     * predate the read lock's wait: the remote drop's read lock and the sender's rename or done file keep a growing
     * remote file out. Empty when the stored content is the whole file.
     */
    static Optional<String> changedWhileRead(GenericFile<?> file, Seen before, long storedBytes) throws IOException {
        boolean changed;
        long now;
        if (before.local()) {
            Seen after = Seen.of(file);
            now = after.size();
            changed = !after.local() || after.size() != before.size() || after.modified() != before.modified()
                    || storedBytes != before.size();
        } else {
            now = before.size();
            changed = before.size() >= 0 && storedBytes < before.size();
        }
        return changed ? Optional.of("読み込み中にファイルが変更されました (読み込み " + storedBytes + " バイト、現在 " + now
                + " バイト)。書き込みが終わってから置き直してください / the file changed while it was read (read " + storedBytes
                + " bytes, now " + now + "): the sender was still writing it; put it again once complete") : Optional.empty();
    }
}
