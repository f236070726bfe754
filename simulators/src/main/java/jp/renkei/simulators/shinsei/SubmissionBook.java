package jp.renkei.simulators.shinsei;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.renkei.simulators.http.SimHttpServer;

/**
 * What the simulated filing system holds: submissions with their attachments, the event feed (one {@code submitted}
 * event per submission, one {@code withdrawn} per 取下げ, cursor = 16 hex digits of a global sequence) and the
 * decisions authorities posted, by Idempotency-Key. Thread-safe (one lock: a simulator, not a database).
 */
public final class SubmissionBook {

    /** An event of the feed, as the contract's {@code SubmissionEvent}. */
    public record Event(String cursor, String submissionId, String event, String occurredAt) {
    }

    /** A page of the feed, as the contract's {@code SubmissionEventPage}. */
    public record Page(List<Event> items, String nextCursor) {
    }

    /** A decision as received: its key, submission, body and how often it was posted. */
    public record ReceivedDecision(String idempotencyKey, String submissionId, JsonNode body, String receivedAt, int posts) {
    }

    /** Counts of decision posts: requests that reached the book, distinct keys, and repeats of a key already held. */
    public record DecisionStats(int requests, int distinctKeys, int duplicates) {
    }

    /** What a decision post came to. */
    public sealed interface DecisionOutcome {
        record Recorded(ReceivedDecision decision) implements DecisionOutcome {}
        record Replayed(ReceivedDecision decision) implements DecisionOutcome {}
        record Refused(int status, String code, String message) implements DecisionOutcome {}
    }

    private record Stored(ObjectNode submission, Map<String, byte[]> attachments) {
    }

    private final Clock clock;
    private final List<Event> events = new ArrayList<>();
    private final Map<String, Stored> submissions = new LinkedHashMap<>();
    private final Map<String, ReceivedDecision> decisions = new LinkedHashMap<>();
    private final Map<String, String> decidedBy = new HashMap<>(); // submission id + authority → key
    private long sequence;
    private int submissionNo;
    private int decisionRequests;
    private int duplicates;

    public SubmissionBook(Clock clock) {
        this.clock = clock;
    }

    /**
     * Files a submission (the simulator's test API): {@code kind}, {@code applicant}, {@code parts}, optional
     * {@code bulk} and {@code attachments} of {@code {name, mediaType, contentBase64}} or {@code {name, mediaType,
     * size}} (synthetic bytes), where {@code corruptSha256: true} makes the listed SHA-256 wrong. Returns the
     * submission as the API serves it, once {@code check} accepted it (it throws to refuse; nothing is kept then).
     */
    public synchronized ObjectNode file(JsonNode request, java.util.function.Consumer<ObjectNode> check) {
        String id = "S%06d".formatted(submissionNo + 1);
        ObjectNode submission = SimHttpServer.JSON.createObjectNode();
        submission.put("id", id);
        submission.set("kind", request.get("kind"));
        submission.put("status", "submitted");
        submission.put("submittedAt", clock.instant().toString());
        submission.set("applicant", request.get("applicant"));
        submission.put("bulk", request.path("bulk").asBoolean(request.path("parts").size() > 1));
        submission.set("parts", request.get("parts"));
        ArrayNode listed = submission.putArray("attachments");
        Map<String, byte[]> contents = new LinkedHashMap<>();
        int no = 0;
        for (JsonNode attachment : request.path("attachments")) {
            String attachmentId = "A" + (++no);
            byte[] bytes = attachment.has("contentBase64")
                    ? Base64.getDecoder().decode(attachment.get("contentBase64").asText())
                    : synthetic(attachment.path("mediaType").asText(), attachment.path("size").asInt(1024));
            contents.put(attachmentId, bytes);
            String sha = sha256(bytes);
            listed.addObject().put("id", attachmentId)
                    .put("name", attachment.path("name").asText())
                    .put("mediaType", attachment.path("mediaType").asText())
                    .put("size", bytes.length)
                    .put("sha256", attachment.path("corruptSha256").asBoolean() ? sha256(new byte[] {1}) : sha);
        }
        check.accept(submission);
        submissionNo++;
        submissions.put(id, new Stored(submission, contents));
        append(id, "submitted");
        return submission.deepCopy();
    }

    /** 取下げ by the applicant: the submission's status becomes withdrawn and a {@code withdrawn} event is appended. */
    public synchronized Optional<ObjectNode> withdraw(String id) {
        Stored stored = submissions.get(id);
        if (stored == null) {
            return Optional.empty();
        }
        if (!"withdrawn".equals(stored.submission.path("status").asText())) {
            stored.submission.put("status", "withdrawn");
            stored.submission.put("withdrawnAt", clock.instant().toString());
            append(id, "withdrawn");
        }
        return Optional.of(stored.submission.deepCopy());
    }

    /** Events of submissions with a part for {@code authorityCode}, after {@code after} (null = from the start). */
    public synchronized Page events(String authorityCode, String after, int limit) {
        if (limit < 1 || limit > 500) {
            throw new IllegalArgumentException("limit must be 1-500, was " + limit);
        }
        if (after != null && !after.matches("[0-9a-f]{16}")) {
            throw new IllegalArgumentException("after must be a cursor of 16 hex digits");
        }
        long from = after == null ? 0 : Long.parseUnsignedLong(after, 16);
        List<Event> page = new ArrayList<>();
        for (Event event : events) {
            if (Long.parseUnsignedLong(event.cursor(), 16) > from && addressedTo(event.submissionId(), authorityCode)) {
                page.add(event);
                if (page.size() == limit) {
                    break;
                }
            }
        }
        String next = page.isEmpty() ? (after == null ? "%016x".formatted(0) : after) : page.get(page.size() - 1).cursor();
        return new Page(page, next);
    }

    public synchronized Optional<ObjectNode> submission(String id) {
        return Optional.ofNullable(submissions.get(id)).map(s -> s.submission.deepCopy());
    }

    public synchronized Optional<byte[]> attachment(String submissionId, String attachmentId) {
        return Optional.ofNullable(submissions.get(submissionId)).map(s -> s.attachments.get(attachmentId));
    }

    /**
     * A decision post with its key: recorded once (201), the same key and body again replays (200), the same key with
     * another body is refused (409), as is a second decision by the same authority or one on a withdrawn submission.
     */
    public synchronized DecisionOutcome decide(String submissionId, String key, JsonNode body) {
        decisionRequests++;
        Stored stored = submissions.get(submissionId);
        if (stored == null) {
            return new DecisionOutcome.Refused(404, "NOT_FOUND", "no submission " + submissionId);
        }
        ReceivedDecision held = decisions.get(key);
        if (held != null) {
            duplicates++;
            if (!held.body().equals(body)) {
                return new DecisionOutcome.Refused(409, "IDEMPOTENCY_KEY_REUSED",
                        "this Idempotency-Key was used before with a different body");
            }
            ReceivedDecision again = new ReceivedDecision(key, submissionId, body, held.receivedAt(), held.posts() + 1);
            decisions.put(key, again);
            return new DecisionOutcome.Replayed(again);
        }
        String authority = body.path("authorityCode").asText();
        if (!addressedTo(submissionId, authority)) {
            return new DecisionOutcome.Refused(409, "NOT_ADDRESSED", "the submission has no part for authority " + authority);
        }
        if ("withdrawn".equals(stored.submission.path("status").asText())) {
            return new DecisionOutcome.Refused(409, "WITHDRAWN", "the applicant withdrew the submission");
        }
        if (decidedBy.containsKey(submissionId + "/" + authority)) {
            return new DecisionOutcome.Refused(409, "ALREADY_DECIDED", "the authority decided this submission before");
        }
        ReceivedDecision decision = new ReceivedDecision(key, submissionId, body, clock.instant().toString(), 1);
        decisions.put(key, decision);
        decidedBy.put(submissionId + "/" + authority, key);
        if (!stored.submission.path("bulk").asBoolean()) {
            stored.submission.put("status", body.path("outcome").asText());
        }
        return new DecisionOutcome.Recorded(decision);
    }

    /** Every decision held, in arrival order. */
    public synchronized List<ReceivedDecision> decisions() {
        return List.copyOf(decisions.values());
    }

    public synchronized DecisionStats decisionStats() {
        return new DecisionStats(decisionRequests, decisions.size(), duplicates);
    }

    public synchronized int size() {
        return submissions.size();
    }

    /** Forgets the decisions (the submissions and the feed stay). */
    public synchronized void resetDecisions() {
        decisions.clear();
        decidedBy.clear();
        decisionRequests = 0;
        duplicates = 0;
    }

    private boolean addressedTo(String submissionId, String authorityCode) {
        Stored stored = submissions.get(submissionId);
        if (stored == null) {
            return false;
        }
        for (JsonNode part : stored.submission.path("parts")) {
            if (part.path("authorityCode").asText().equals(authorityCode)) {
                return true;
            }
        }
        return false;
    }

    private void append(String submissionId, String event) {
        events.add(new Event("%016x".formatted(++sequence), submissionId, event, clock.instant().toString()));
    }

    /** Bytes that look like the media type (a PDF header, a ZIP header for .xlsx), padded to {@code size}. */
    private static byte[] synthetic(String mediaType, int size) {
        byte[] head = (mediaType.equals("application/pdf") ? "%PDF-1.7\n% simulated\n" : "PK\u0003\u0004 simulated\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        byte[] bytes = new byte[Math.max(size, 0)];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = i < head.length ? head[i] : (byte) ('a' + i % 26);
        }
        return bytes;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
