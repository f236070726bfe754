package jp.renkei.connectors.municipal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.Supplier;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

/**
 * Where import files for the municipal system go: a folder, or the municipal SFTP drop. A file never appears under
 * its own name while incomplete: it is written under {@code <name>.tmp} and renamed.
 */
public interface ImportDrop {

    /** Puts a complete file under {@code name}, replacing one of that name. */
    void put(String name, byte[] content) throws IOException;

    /** A local (or mounted) folder, created when missing. */
    static ImportDrop folder(Path folder) {
        return new ImportDrop() {
            @Override
            public void put(String name, byte[] content) throws IOException {
                Files.createDirectories(folder);
                Path temp = folder.resolve(name + ".tmp");
                Files.write(temp, content);
                Files.move(temp, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }

            @Override
            public String toString() {
                return folder.toString();
            }
        };
    }

    /** A folder of the municipal SFTP drop, written through Camel's SFTP producer (temporary name, then rename). */
    static ImportDrop sftp(SftpDrop drop, String directory, Supplier<ProducerTemplate> producer) {
        String uri = drop.producerUri(directory);
        return new ImportDrop() {
            @Override
            public void put(String name, byte[] content) {
                producer.get().sendBodyAndHeader(uri, content, Exchange.FILE_NAME, name);
            }

            @Override
            public String toString() {
                return "sftp " + drop.server() + directory;
            }
        };
    }
}
