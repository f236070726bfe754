package jp.renkei.simulators.relay;

import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * The parts of a v4.1 care-plan file name the relay routes by:
 * {@code {PREFIX}[_{YYYYMM}]_{sender10}_{senderType2}_{receiver10}_{receiverType2}_{YYYYMMDDHHMMSS}.CSV}.
 * Read from the right, as prefixes may contain underscores ({@code UPKIHON_SUB1}). The simulator keeps its own copy
 * of this grammar because simulators do not depend on connectors.
 */
record RelayFileName(String senderOffice, String senderServiceType, String receiverOffice, String receiverServiceType) {

    private static final Pattern OFFICE = Pattern.compile("[0-9A-Z]{10}");
    private static final Pattern SERVICE_TYPE = Pattern.compile("[0-9A-Z]{2}");
    private static final Pattern TAIL = Pattern.compile("\\d{14}\\.(CSV|csv|JPG|jpg)");
    private static final Pattern HEAD = Pattern.compile("[A-Z0-9]+(_[A-Z0-9]+)*");

    static RelayFileName parse(String name) throws RelayRejection {
        String[] parts = name == null ? new String[0] : name.split("_", -1);
        int n = parts.length;
        boolean valid = n >= 6
                && TAIL.matcher(parts[n - 1]).matches()
                && OFFICE.matcher(parts[n - 5]).matches() && SERVICE_TYPE.matcher(parts[n - 4]).matches()
                && OFFICE.matcher(parts[n - 3]).matches() && SERVICE_TYPE.matcher(parts[n - 2]).matches()
                && HEAD.matcher(String.join("_", Arrays.copyOfRange(parts, 0, n - 5))).matches();
        if (!valid) {
            throw new RelayRejection(400, "BAD_FILE_NAME", "not a v4.1 care-plan file name: " + name);
        }
        return new RelayFileName(parts[n - 5], parts[n - 4], parts[n - 3], parts[n - 2]);
    }
}
