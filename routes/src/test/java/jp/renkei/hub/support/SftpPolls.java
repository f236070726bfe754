package jp.renkei.hub.support;

import org.apache.camel.CamelContext;
import org.apache.camel.ConsumerTemplate;

/** Polls an SFTP drop's consumer endpoint once, as its intake route would, in a plain Camel context. */
public final class SftpPolls {

    private SftpPolls() {
    }

    /**
     * The body of the first file {@code consumerUri} yields within {@code timeoutMillis}, or null. The endpoint's own
     * options are kept; its Spring cron scheduler becomes a plain delay (no Spring scheduler in a bare context).
     */
    public static String receiveOnce(CamelContext camel, String consumerUri, long timeoutMillis) throws Exception {
        String uri = consumerUri.replace("scheduler=spring&", "").replaceAll("&scheduler\\.cron=[^&]*", "") + "&delay=200";
        ConsumerTemplate consumer = camel.createConsumerTemplate();
        try {
            return consumer.receiveBody(uri, timeoutMillis, String.class);
        } finally {
            consumer.stop();
        }
    }
}
