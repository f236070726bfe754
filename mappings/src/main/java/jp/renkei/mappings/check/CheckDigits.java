package jp.renkei.mappings.check;

import jp.renkei.mappings.layout.CheckKind;

/**
 * Check-digit rules for Japanese public identifiers (docs: domain.md §4). Pure functions; each returns false for
 * malformed input rather than throwing.
 */
public final class CheckDigits {
    private CheckDigits() {}

    /** Runs the rule of {@code kind} over {@code value}. */
    public static boolean isValid(CheckKind kind, String value) {
        return switch (kind) {
            case LGCODE -> isValidLocalGovernmentCode(value);
            case JIGYOSHO -> isValidOfficeNumber(value);
            case HOKENSHA -> isValidInsurerNumber(value);
            case KOHI -> isValidPublicExpenseNumber(value);
        };
    }

    /** The expected length for {@code kind}, for messages. */
    public static int length(CheckKind kind) {
        return switch (kind) {
            case LGCODE, HOKENSHA -> 6;
            case JIGYOSHO -> 10;
            case KOHI -> 8;
        };
    }

    /** 全国地方公共団体コード: 6 digits; weights 6,5,4,3,2 on digits 1-5; check = (11 − S mod 11) mod 10. */
    public static boolean isValidLocalGovernmentCode(String code) {
        if (code == null || code.length() != 6 || !allDigits(code)) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 5; i++) {
            sum += (code.charAt(i) - '0') * (6 - i);
        }
        return (11 - sum % 11) % 10 == code.charAt(5) - '0';
    }

    /**
     * 介護保険事業所番号: 10 characters; modulus 10 over the 9 leading characters with weights 2,1,… from the right,
     * two-digit products split into their digits, letters A=10…Z=32 skipping I, O and Q.
     */
    public static boolean isValidOfficeNumber(String number) {
        return number != null && number.length() == 10 && modulus10Matches(number);
    }

    /** 保険者番号 (介護): 6 digits; the modulus-10 rule over 5 digits (believed, unconfirmed: callers warn). */
    public static boolean isValidInsurerNumber(String number) {
        return number != null && number.length() == 6 && allDigits(number) && modulus10Matches(number);
    }

    /** 公費負担者番号: 8 digits; modulus 10 over the 7 leading digits. */
    public static boolean isValidPublicExpenseNumber(String number) {
        return number != null && number.length() == 8 && allDigits(number) && modulus10Matches(number);
    }

    /** The modulus-10 (weights 2,1 from the right) check digit of {@code body}, or -1 if a character is invalid. */
    public static int modulus10(CharSequence body) {
        int sum = 0;
        int weight = 2;
        for (int i = body.length() - 1; i >= 0; i--) {
            int value = characterValue(body.charAt(i));
            if (value < 0) {
                return -1;
            }
            int product = value * weight;
            sum += product / 10 + product % 10;
            weight = weight == 2 ? 1 : 2;
        }
        return (10 - sum % 10) % 10;
    }

    private static boolean modulus10Matches(String number) {
        char last = number.charAt(number.length() - 1);
        if (last < '0' || last > '9') {
            return false;
        }
        int expected = modulus10(number.subSequence(0, number.length() - 1));
        return expected >= 0 && expected == last - '0';
    }

    /** 0-9 for digits, A=10 … Z=32 without I, O, Q; -1 otherwise. */
    static int characterValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c < 'A' || c > 'Z' || c == 'I' || c == 'O' || c == 'Q') {
            return -1;
        }
        int value = 10 + (c - 'A');
        if (c > 'I') {
            value--;
        }
        if (c > 'O') {
            value--;
        }
        if (c > 'Q') {
            value--;
        }
        return value;
    }

    private static boolean allDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
