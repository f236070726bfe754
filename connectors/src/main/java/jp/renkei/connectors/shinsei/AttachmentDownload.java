package jp.renkei.connectors.shinsei;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import jp.renkei.connectors.delivery.PermanentDeliveryException;
import jp.renkei.connectors.delivery.TransientDeliveryException;
import jp.renkei.connectors.store.ContentStore;
import jp.renkei.connectors.store.StoredContent;

/**
 * Downloads a submission's attachments into the content store, each checked against the list: no larger than the
 * configured limits (checked before downloading, and again while streaming, so a lying size cannot fill the disk) and
 * with the listed SHA-256. A failed check is the submission's problem, not a transient error: the submission is
 * rejected with the reason; a download the filing system cannot serve now is retried by the next poll.
 */
public final class AttachmentDownload {

    /** The attachments as stored ({@code [{id, name, mediaType, size, sha256, contentRef}]}), or why they were not. */
    public record Result(ArrayNode stored, String problem) {
    }

    private final ShinseiClient client;
    private final ContentStore store;

    public AttachmentDownload(ShinseiClient client, ContentStore store) {
        this.client = client;
        this.store = store;
    }

    public Result download(JsonNode submission)
            throws TransientDeliveryException, PermanentDeliveryException, InterruptedException, IOException {
        ShinseiSettings settings = client.settings();
        ArrayNode stored = JsonNodeFactory.instance.arrayNode();
        long total = 0;
        for (JsonNode attachment : submission.path("attachments")) {
            String id = attachment.path("id").asText();
            long size = attachment.path("size").asLong(-1);
            total += Math.max(size, 0);
            if (size > settings.maxAttachmentBytes()) {
                return new Result(stored, "attachment %s is %d bytes, above the limit of %d".formatted(id, size, settings.maxAttachmentBytes()));
            }
            if (total > settings.maxSubmissionBytes()) {
                return new Result(stored, "the attachments total more than the limit of %d bytes".formatted(settings.maxSubmissionBytes()));
            }
            StoredContent content;
            try (InputStream in = new Limited(client.attachment(submission.path("id").asText(), id), settings.maxAttachmentBytes())) {
                content = store.store(in);
            } catch (Limited.TooLarge e) {
                return new Result(stored, "attachment %s is larger than the limit of %d bytes".formatted(id, settings.maxAttachmentBytes()));
            }
            if (content.size() != size || !content.sha256().equals(attachment.path("sha256").asText())) {
                store.delete(content.ref());
                return new Result(stored, "attachment %s does not match its listed size and SHA-256 (%d bytes, sha256 %s…)"
                        .formatted(id, content.size(), content.sha256().substring(0, 12)));
            }
            stored.addObject().put("id", id).put("name", attachment.path("name").asText())
                    .put("mediaType", attachment.path("mediaType").asText()).put("size", size)
                    .put("sha256", content.sha256()).put("contentRef", content.ref());
        }
        return new Result(stored, null);
    }

    /** Fails the read once more than {@code limit} bytes came. */
    private static final class Limited extends FilterInputStream {
        static final class TooLarge extends IOException {
            TooLarge() {
                super("over the size limit");
            }
        }

        private final long limit;
        private long read;

        Limited(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count(b < 0 ? 0 : 1);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            count(Math.max(n, 0));
            return n;
        }

        private void count(int n) throws TooLarge {
            read += n;
            if (read > limit) {
                throw new TooLarge();
            }
        }
    }
}
