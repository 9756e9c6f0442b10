// SPDX-License-Identifier: Apache-2.0
package org.lumen.network.node;

import java.util.Objects;

/**
 * The secret a DICOMweb node's authentication needs: a user name and password for HTTP Basic, or a
 * token for Bearer. Read from the secrets file, never from the settings; {@link #toString()} never
 * shows the password or token, so a record that ends up in a log or a message gives nothing away.
 *
 * @param username for Basic, else null
 * @param password for Basic, else null
 * @param token    for Bearer, else null
 */
public record Credentials(String username, String password, String token) {

    private static final Credentials NONE = new Credentials(null, null, null);

    public Credentials {
        if ((username == null) != (password == null)) {
            throw new IllegalArgumentException("Basic credentials need both a user name and a password");
        }
        if (username != null && token != null) {
            throw new IllegalArgumentException("credentials are either a user name and password or a token, not both");
        }
        if (username != null && username.contains(":")) {
            // HTTP Basic joins user and password with the first colon: a colon in the user name cannot be sent.
            throw new IllegalArgumentException("a user name for HTTP Basic authentication cannot contain ':'");
        }
    }

    public static Credentials none() {
        return NONE;
    }

    public static Credentials basic(String username, String password) {
        return new Credentials(Objects.requireNonNull(username, "username"), Objects.requireNonNull(password, "password"), null);
    }

    public static Credentials bearer(String token) {
        if (Objects.requireNonNull(token, "token").isBlank()) {
            throw new IllegalArgumentException("a Bearer token cannot be blank");
        }
        return new Credentials(null, null, token);
    }

    public boolean isBasic() {
        return username != null;
    }

    public boolean isBearer() {
        return token != null;
    }

    /** Names the kind and the user, never the secret. */
    @Override
    public String toString() {
        if (isBasic()) {
            return "Credentials[Basic, user " + username + "]";
        }
        return isBearer() ? "Credentials[Bearer token]" : "Credentials[none]";
    }
}
