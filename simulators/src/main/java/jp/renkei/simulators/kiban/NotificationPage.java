package jp.renkei.simulators.kiban;

import java.util.List;

/** A page of the notification feed (contract schema {@code NotificationPage}). */
public record NotificationPage(List<Notification> items, String nextCursor) {
}
