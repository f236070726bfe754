package jp.renkei.simulators.relay;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The relay's mailboxes: one per receiving office, items in arrival order. A relay-wide sequence gives each item its
 * cursor, so "after cursor" listing is exact and never repeats an item.
 *
 * <p>In memory by default. Given a folder, every item is written there instead as
 * {@code <folder>/<office>/<sequence>_<fileName>.p7s} (the SignedData; a {@code .taken} marker once acknowledged),
 * read from there when it is served, and the mailboxes are read back from it on start, so a demo relay survives a
 * restart, its files can be inspected with {@code openssl cms -verify -inform DER}, and the heap it shares with the
 * embedded hub holds only the index.
 */
final class RelayMailboxes {

    private static final String SIGNED_SUFFIX = ".p7s";
    private static final String TAKEN_SUFFIX = ".taken";

    /** One stored file: the sender's SignedData as it arrived (size bytes), decrypted from the upload envelope. */
    record Item(String id, long sequence, String receiver, String fileName, String sender, long size,
                Instant receivedAt, boolean taken) {

        Item markTaken() {
            return new Item(id, sequence, receiver, fileName, sender, size, receivedAt, true);
        }
    }

    private final Optional<Path> folder;
    private final Map<String, Map<Long, Item>> byOffice = new TreeMap<>();
    /** The SignedData of each item by sequence, when there is no folder to keep it in. */
    private final Map<Long, byte[]> inMemory = new java.util.HashMap<>();
    private long sequence;

    RelayMailboxes(Optional<Path> folder) {
        this.folder = folder;
        folder.ifPresent(this::load);
    }

    synchronized Item store(String receiver, String fileName, String sender, byte[] signedData, Instant receivedAt) {
        long next = ++sequence;
        Item item = new Item(id(next), next, receiver, fileName, sender, signedData.length, receivedAt, false);
        if (folder.isPresent()) {
            write(signedFile(folder.get(), item), signedData);
        } else {
            inMemory.put(next, signedData);
        }
        byOffice.computeIfAbsent(receiver, office -> new TreeMap<>()).put(next, item);
        return item;
    }

    /** Items not yet taken, with a sequence after {@code after}, oldest first, at most {@code limit}. */
    synchronized List<Item> after(String office, long after, int limit) {
        List<Item> items = new ArrayList<>();
        for (Item item : byOffice.getOrDefault(office, Map.of()).values()) {
            if (item.sequence() > after && !item.taken()) {
                items.add(item);
                if (items.size() == limit) {
                    break;
                }
            }
        }
        return items;
    }

    /** The item's SignedData as it arrived. */
    byte[] signedData(Item item) {
        if (folder.isEmpty()) {
            synchronized (this) {
                return inMemory.get(item.sequence());
            }
        }
        Path file = signedFile(folder.get(), item);
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read relay mailbox file " + file, e);
        }
    }

    private static Path signedFile(Path root, Item item) {
        return root.resolve(item.receiver()).resolve(item.sequence() + "_" + item.fileName() + SIGNED_SUFFIX);
    }

    synchronized Optional<Item> find(String office, String id) {
        return byOffice.getOrDefault(office, Map.of()).values().stream().filter(item -> item.id().equals(id)).findFirst();
    }

    synchronized boolean take(String office, String id) {
        Optional<Item> item = find(office, id);
        item.ifPresent(found -> {
            byOffice.get(office).put(found.sequence(), found.markTaken());
            folder.ifPresent(root -> {
                Path signed = signedFile(root, found);
                write(signed.resolveSibling(signed.getFileName() + TAKEN_SUFFIX), new byte[0]);
            });
        });
        return item.isPresent();
    }

    /** Per office: how many items are pending and how many were taken. */
    synchronized Map<String, Map<String, Long>> counts() {
        Map<String, Map<String, Long>> counts = new TreeMap<>();
        byOffice.forEach((office, items) -> {
            long taken = items.values().stream().filter(Item::taken).count();
            counts.put(office, Map.of("pending", items.size() - taken, "taken", taken));
        });
        return counts;
    }

    private static String id(long sequence) {
        return "r" + sequence;
    }

    private void load(Path root) {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root, 2)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(SIGNED_SUFFIX)).toList()) {
                String office = file.getParent().getFileName().toString();
                String name = file.getFileName().toString();
                int underscore = name.indexOf('_');
                long seq = Long.parseLong(name.substring(0, underscore));
                String fileName = name.substring(underscore + 1, name.length() - SIGNED_SUFFIX.length());
                String sender = RelayFileName.parse(fileName).senderOffice();
                boolean taken = Files.exists(file.resolveSibling(name + TAKEN_SUFFIX));
                byOffice.computeIfAbsent(office, o -> new TreeMap<>()).put(seq, new Item(id(seq), seq, office, fileName,
                        sender, Files.size(file), Files.getLastModifiedTime(file).toInstant(), taken));
                sequence = Math.max(sequence, seq);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read relay mailboxes under " + root, e);
        } catch (RelayRejection | RuntimeException e) {
            throw new IllegalStateException("unexpected file in relay mailboxes under " + root, e);
        }
    }

    private static void write(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.getParent());
            // temp name + rename, so a reader never sees half a file
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(temp, bytes);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write relay mailbox file " + file, e);
        }
    }
}
