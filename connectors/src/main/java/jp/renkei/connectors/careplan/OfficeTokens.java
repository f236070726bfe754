package jp.renkei.connectors.careplan;

/**
 * Supplies the credential an office presents to the relay. The CSV relay simulator uses a static API token per office
 * (bound from configuration / environment); the standard-5.0 transport will implement this with OAuth tokens it
 * refreshes (60 min access / 8 h refresh). Implementations never log the token.
 */
@FunctionalInterface
public interface OfficeTokens {

    /** The bearer token for {@code officeNumber}; throws {@link IllegalStateException} when none is configured. */
    String tokenFor(String officeNumber);
}
