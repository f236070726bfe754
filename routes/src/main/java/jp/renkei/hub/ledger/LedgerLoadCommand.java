package jp.renkei.hub.ledger;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import jp.renkei.connectors.db.DatabaseCredentials;
import jp.renkei.connectors.db.EmbeddedDatabase;
import jp.renkei.connectors.journal.Journal;
import jp.renkei.connectors.ledger.LedgerExport;
import jp.renkei.connectors.ledger.LoadReport;
import jp.renkei.connectors.ledger.OpenDataLoad;
import jp.renkei.hub.config.RenkeiProperties;
import jp.renkei.mappings.layout.LayoutRegistry;
import org.flywaydb.core.Flyway;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code ./renkei ledger-load [--as-of YYYY-MM-DD] [--export] <file>...}: loads MHLW open-data files into the provider
 * ledger ({@link OpenDataLoad}) without starting the hub, with the hub's configuration (application.yml, environment,
 * {@code --key=value} arguments). The database is {@code renkei.database.url}, or the embedded one under
 * {@code <data-dir>/postgres}: reached on its port when a hub is running on it, else started for the load. Bad rows
 * go to {@code <data-dir>/error/opendata-to-ledger/<file>.errors.csv} and the journal. {@code --export} then writes
 * the legacy export files for every change not exported yet. Exit 0 all rows loaded; 1 bad rows reported (the good
 * ones are loaded) or a file refused whole; 2 usage or I/O error.
 */
public final class LedgerLoadCommand {

    static final String USAGE = "usage: ./renkei ledger-load [--as-of YYYY-MM-DD] [--export] <file>...";

    private LedgerLoadCommand() {
    }

    /** Only the configuration binding: no hub, no broker. */
    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({RenkeiProperties.class, LedgerProperties.class})
    static class Config {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        LocalDate asOf = LocalDate.now();
        boolean export = false;
        List<Path> files = new ArrayList<>();
        List<String> springArgs = new ArrayList<>();
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--as-of" -> asOf = LocalDate.parse(args[++i]);
                    case "--export" -> export = true;
                    default -> {
                        if (args[i].startsWith("--")) {
                            springArgs.add(args[i]);
                        } else {
                            files.add(Path.of(args[i]));
                        }
                    }
                }
            }
        } catch (ArrayIndexOutOfBoundsException | DateTimeParseException e) {
            err.println(USAGE);
            return 2;
        }
        if (files.isEmpty()) {
            err.println(USAGE);
            return 2;
        }
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Config.class)
                .web(WebApplicationType.NONE).bannerMode(Banner.Mode.OFF).logStartupInfo(false)
                .run(springArgs.toArray(String[]::new));
             Database database = Database.open(context.getBean(RenkeiProperties.class))) {
            RenkeiProperties renkei = context.getBean(RenkeiProperties.class);
            LedgerProperties ledger = context.getBean(LedgerProperties.class);
            Flyway.configure().dataSource(database.dataSource).locations("classpath:db/migration").load().migrate();
            JdbcTemplate jdbc = new JdbcTemplate(database.dataSource);
            TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(database.dataSource));
            LayoutRegistry layouts = LayoutRegistry.loadDefault();
            OpenDataLoad load = new OpenDataLoad(LedgerConfiguration.create(jdbc, tx, ledger), layouts, new Journal(jdbc, tx),
                    ledger.chunkOffices());
            Path errors = renkei.dataDir().resolve("error").resolve(OpenDataLoad.FLOW);
            int status = 0;
            for (Path file : files) {
                LoadReport report = load.load(file, errors.resolve(file.getFileName() + ".errors.csv"), asOf, "ledger-load");
                out.printf(Locale.ROOT, "%s: %d rows, %d bad, %d offices: %d applied, %d loaded before, %d refused; %d versions written"
                                + " (%.0f rows/s)%s%n", report.fileName(), report.rows(), report.badRows(), report.offices(),
                        report.applied(), report.alreadyApplied(), report.rejected(), report.versionsWritten(), report.rowsPerSecond(),
                        report.errorsCsv() == null ? "" : "; errors: " + report.errorsCsv());
                if (report.fileRejected() || report.badRows() > 0 || report.rejected() > 0) {
                    status = 1;
                }
            }
            if (export) {
                LedgerExport exporter = LedgerConfiguration.export(jdbc, tx, ledger, renkei, layouts);
                for (var file = exporter.exportPending(); file.isPresent(); file = exporter.exportPending()) {
                    out.printf(Locale.ROOT, "export: %s (%d rows)%n", file.get().file(), file.get().records());
                }
            }
            return status;
        } catch (IOException | RuntimeException e) {
            err.println("ledger-load: " + e.getMessage());
            return 2;
        }
    }

    /** The configured database, or the embedded one (a running hub's, or started here for the load). */
    private static final class Database implements AutoCloseable {
        final DriverManagerDataSource dataSource;
        private final EmbeddedDatabase started;

        private Database(DriverManagerDataSource dataSource, EmbeddedDatabase started) {
            this.dataSource = dataSource;
            this.started = started;
        }

        static Database open(RenkeiProperties renkei) throws IOException {
            RenkeiProperties.Database db = renkei.database();
            Properties batched = new Properties();
            batched.setProperty("reWriteBatchedInserts", "true");
            if (!db.embedded()) {
                DriverManagerDataSource dataSource = new DriverManagerDataSource(db.url(), db.username(), db.password());
                dataSource.setConnectionProperties(batched);
                return new Database(dataSource, null);
            }
            Path dir = renkei.dataDir().resolve("postgres");
            EmbeddedDatabase started = null;
            DriverManagerDataSource dataSource;
            if (runningOn(dir)) {
                // the running hub's passwords (read only: a hub that runs has written them)
                DatabaseCredentials credentials = DatabaseCredentials.read(EmbeddedDatabase.credentialsFile(dir.toAbsolutePath().normalize()));
                dataSource = new DriverManagerDataSource("jdbc:postgresql://localhost:" + db.embeddedPort() + "/postgres",
                        credentials.user(), credentials.password());
            } else {
                started = new EmbeddedDatabase(dir, db.embeddedPort(), db.embeddedDurable());
                dataSource = new DriverManagerDataSource(started.url(), started.user(), started.password());
            }
            dataSource.setConnectionProperties(batched);
            return new Database(dataSource, started);
        }

        /** Whether a PostgreSQL server (a running hub's) is up on the data directory: it must not be stopped. */
        private static boolean runningOn(Path dir) throws IOException {
            Path pid = dir.resolve("postmaster.pid");
            if (!Files.exists(pid)) {
                return false;
            }
            try {
                return ProcessHandle.of(Long.parseLong(Files.readAllLines(pid).get(0).trim())).map(ProcessHandle::isAlive).orElse(false);
            } catch (RuntimeException e) {
                return false;
            }
        }

        @Override
        public void close() throws IOException {
            if (started != null) {
                started.close();
            }
        }
    }
}
