package jp.renkei.simulators.http;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The fault switch every simulator exposes, so tests and demos can prove retry, dead-lettering and replay.
 *
 * <p>A fault answers requests with {@code status} instead of the normal answer, for a share {@code rate} of the
 * requests (1.0 = every one), for at most {@code count} requests (negative = until cleared), after waiting
 * {@code delayMillis}. A delay alone (status 0) slows answers without failing them.
 */
public final class FaultSwitch {

    /** The fault in force; {@link #NONE} when the simulator behaves. */
    public record Fault(int status, double rate, long delayMillis, int count) {
        public static final Fault NONE = new Fault(0, 0.0, 0, -1);

        public Fault {
            if (rate < 0.0 || rate > 1.0) {
                throw new IllegalArgumentException("rate must be between 0 and 1, was " + rate);
            }
            if (status != 0 && (status < 400 || status > 599)) {
                throw new IllegalArgumentException("status must be 0 (delay only) or 400-599, was " + status);
            }
            if (delayMillis < 0) {
                throw new IllegalArgumentException("delayMillis must not be negative, was " + delayMillis);
            }
        }

        boolean isActive() {
            return (status != 0 || delayMillis > 0) && count != 0;
        }
    }

    private final AtomicReference<Fault> current = new AtomicReference<>(Fault.NONE);

    public void set(Fault fault) {
        current.set(fault);
    }

    public void clear() {
        current.set(Fault.NONE);
    }

    public Fault current() {
        return current.get();
    }

    /**
     * Decides the fate of one request: sleeps for the configured delay, then returns the error status to answer
     * with, or 0 to answer normally. Counts the request against {@code count}.
     */
    public int decide() throws InterruptedException {
        Fault fault;
        Fault next;
        do {
            fault = current.get();
            if (!fault.isActive()) {
                return 0;
            }
            next = fault.count() > 0
                    ? new Fault(fault.status(), fault.rate(), fault.delayMillis(), fault.count() - 1)
                    : fault;
        } while (!current.compareAndSet(fault, next));
        if (fault.delayMillis() > 0) {
            Thread.sleep(fault.delayMillis());
        }
        boolean hit = fault.rate() >= 1.0 || ThreadLocalRandom.current().nextDouble() < fault.rate();
        return hit ? fault.status() : 0;
    }
}
