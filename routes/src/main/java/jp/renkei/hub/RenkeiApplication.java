package jp.renkei.hub;

import java.util.Arrays;
import jp.renkei.mappings.cli.LayoutsCommand;
import jp.renkei.mappings.cli.ValidateCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The hub. {@code ./renkei run} starts it; the other verbs ({@code validate}, {@code layouts}) are operator tools that
 * run without starting the hub.
 */
@SpringBootApplication
public class RenkeiApplication {

    public static void main(String[] args) {
        String verb = args.length == 0 ? "help" : args[0];
        String[] rest = Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
        switch (verb) {
            case "run" -> SpringApplication.run(RenkeiApplication.class, rest);
            // operator tools: plain Java from the mappings module, no hub started
            case "validate" -> System.exit(ValidateCommand.run(rest, System.out, System.err));
            case "layouts" -> System.exit(LayoutsCommand.run(rest, System.out, System.err));
            case "certs" -> System.exit(jp.renkei.hub.careplan.CertsCommand.run(rest, System.out, System.err));
            case "ledger-load" -> System.exit(jp.renkei.hub.ledger.LedgerLoadCommand.run(rest, System.out, System.err));
            case "help", "--help", "-h" -> {
                System.out.println(USAGE);
                System.exit(0);
            }
            default -> {
                System.err.println("renkei: unknown verb '" + verb + "'\n" + USAGE);
                System.exit(2);
            }
        }
    }

    static final String USAGE = """
            usage: ./renkei <verb> [options]
              run                                   start the hub (embedded defaults unless application.yml/env point elsewhere)
              validate --layout <id|auto> <file>... validate files against a record layout (exit 0 valid, 1 invalid)
              layouts                               list record layouts with their versions and effective dates
              certs                                 list the care-plan certificates (offices, relay, trust anchors) and their expiry
              ledger-load [--as-of D] [--export] <file>...  load MHLW open-data files into the provider ledger (exit 0 clean, 1 bad rows reported)""";
}
