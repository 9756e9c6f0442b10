// SPDX-License-Identifier: Apache-2.0
package org.lumen.network.dimse;

import java.util.List;

/**
 * One presentation context of an association: what Lumen proposes (an abstract syntax, i.e. a SOP
 * class, with the transfer syntaxes it can use) and, once the peer answered, whether it was accepted
 * and with which transfer syntax.
 *
 * @param id                odd, 1–255, unique within the association
 * @param transferSyntaxes  proposed, in order of preference
 */
public record PresentationContext(int id, String abstractSyntax, List<String> transferSyntaxes) {

    public static final String IMPLICIT_VR_LITTLE_ENDIAN = "1.2.840.10008.1.2";
    public static final String EXPLICIT_VR_LITTLE_ENDIAN = "1.2.840.10008.1.2.1";

    public PresentationContext {
        if (id < 1 || id > 255 || id % 2 == 0) {
            throw new IllegalArgumentException("presentation context IDs are odd numbers from 1 to 255, not " + id);
        }
        transferSyntaxes = List.copyOf(transferSyntaxes);
    }

    /** A context for a SOP class whose messages carry plain data sets (queries, echo): both little-endian syntaxes. */
    public static PresentationContext uncompressed(int id, String sopClass) {
        return new PresentationContext(id, sopClass, List.of(EXPLICIT_VR_LITTLE_ENDIAN, IMPLICIT_VR_LITTLE_ENDIAN));
    }
}
