package jp.renkei.hub.backbone;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import jp.renkei.connectors.journal.UnitRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;

/**
 * Tells the flows' splitters about units just taken in, off the taker's thread and many units per broker transaction.
 * What a 202 or a moved drop file promises is a unit stored and journaled ({@link UnitIntake}); the unit message only
 * wakes the splitter up. Sending it on the request thread cost each vendor post a broker sync of its own; here one
 * sync carries every unit taken in meanwhile. A unit whose message is lost (broker down, hub stopped before the send)
 * is still journaled as awaiting its split, and {@link UnitSweeper} sends its message again.
 */
@Component
public class UnitAnnouncer implements SmartLifecycle {

    /**
     * Started before, and stopped after, the web server and the Camel routes that take units in (their phases are
     * higher), so that a unit taken in while the hub stops still has its message sent.
     */
    public static final int PHASE = 0;

    private static final Logger log = LoggerFactory.getLogger(UnitAnnouncer.class);
    private static final int MAX_PER_TRANSACTION = 200;
    private static final int STOP_WAIT_SECONDS = 5;

    private final QueueSender sender;
    private final BlockingQueue<UnitRef> waiting = new LinkedBlockingQueue<>();
    private ThreadPoolTaskExecutor worker;
    private volatile boolean running;

    public UnitAnnouncer(QueueSender sender) {
        this.sender = sender;
    }

    /** Starts the one worker thread ({@code unit-announcer-1}, a daemon) on a Spring task executor. */
    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setCorePoolSize(1);
        executor.setMaxPoolSize(1);
        executor.setQueueCapacity(0);
        executor.setDaemon(true);
        executor.setThreadNamePrefix("unit-announcer-");
        executor.setWaitForTasksToCompleteOnShutdown(true);
        executor.setAwaitTerminationSeconds(STOP_WAIT_SECONDS);
        executor.initialize();
        running = true;
        worker = executor;
        executor.execute(this::run);
    }

    /** Sends what is still waiting, then stops; what cannot be sent now is the sweeper's on the next start. */
    @Override
    public synchronized void stop() {
        if (worker == null) {
            return;
        }
        running = false;
        worker.shutdown(); // waits up to STOP_WAIT_SECONDS for the worker to send what is waiting
        worker = null;
        if (!waiting.isEmpty()) {
            log.warn("{} unit message(s) not sent before the hub stopped; the units are journaled and the sweeper "
                    + "will send them", waiting.size());
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    /** Queues the unit's message; returns at once. */
    public void announce(UnitRef unit) {
        waiting.add(unit);
    }

    private void run() {
        while (running || !waiting.isEmpty()) {
            UnitRef first;
            try {
                first = waiting.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (first != null) {
                List<UnitRef> units = new ArrayList<>();
                units.add(first);
                waiting.drainTo(units, MAX_PER_TRANSACTION - 1);
                send(units);
            }
        }
    }

    private void send(List<UnitRef> units) {
        try {
            sender.sendUnits(units);
        } catch (RuntimeException e) {
            log.warn("{} unit(s) are stored and journaled, but their split could not be requested now ({}); the sweeper "
                    + "will request it (first: flow {}, unit {})", units.size(), e.toString(), units.get(0).flow(), units.get(0).id());
        }
    }
}
