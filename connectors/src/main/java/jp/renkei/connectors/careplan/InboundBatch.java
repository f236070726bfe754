package jp.renkei.connectors.careplan;

import java.util.List;

/**
 * A page of an office's mailbox, oldest first.
 *
 * @param files      the files after the requested cursor, at most the requested limit
 * @param nextCursor the cursor to persist once every file of this page is stored: polling resumes after it;
 *                   equal to the requested cursor when the page is empty
 */
public record InboundBatch(List<InboundFile> files, String nextCursor) {

    public InboundBatch {
        files = List.copyOf(files);
    }
}
