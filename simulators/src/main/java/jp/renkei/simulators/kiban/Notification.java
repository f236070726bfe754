package jp.renkei.simulators.kiban;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** One notification the platform holds for the municipality (contract schema {@code Notification}). */
public record Notification(String id, String cursor, String kind, String insurerNumber, String insuredNumber,
        Instant occurredAt, JsonNode payload) {

    public static final String DOCTOR_OPINION_RECEIVED = "doctor-opinion-received";
    public static final String CARE_PLAN_REQUEST_FILED = "care-plan-request-filed";
}
