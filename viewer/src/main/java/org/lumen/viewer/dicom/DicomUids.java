// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.dicom;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;

/** Makes DICOM UIDs in the UUID-derived "2.25." root, either fresh or reproducibly from a name. */
public final class DicomUids {

    private static final String UUID_ROOT = "2.25.";

    private DicomUids() { }

    /** A new, globally unique UID. */
    public static String random() {
        return fromUuid(UUID.randomUUID());
    }

    /**
     * The same UID every time for the same name (a name-based UUID), so that generated data sets
     * are reproducible; different names give different UIDs.
     */
    public static String fromName(String name) {
        Objects.requireNonNull(name, "name");
        return fromUuid(UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)));
    }

    /** The UID for a UUID: "2.25." followed by the UUID's 128 bits as an unsigned decimal. */
    public static String fromUuid(UUID uuid) {
        byte[] bits = ByteBuffer.allocate(16)
                .putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits())
                .array();
        return UUID_ROOT + new BigInteger(1, bits);
    }
}
