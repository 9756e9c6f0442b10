// SPDX-License-Identifier: Apache-2.0
package org.lumen.network.node;

/** DICOM AE titles (PS3.5, VR AE): 1–16 characters of the default repertoire, no backslash or control character, not all spaces. */
public final class AeTitles {

    private AeTitles() { }

    /** Returns {@code aet} when it is a valid AE title, else throws with a sentence naming {@code what}. */
    public static String check(String aet, String what) {
        if (aet == null || aet.isBlank()) {
            throw new IllegalArgumentException("the " + what + " is empty");
        }
        if (aet.length() > 16) {
            throw new IllegalArgumentException("the " + what + " '" + aet + "' is longer than 16 characters");
        }
        for (char c : aet.toCharArray()) {
            if (c < 0x20 || c > 0x7E || c == '\\') {
                throw new IllegalArgumentException("the " + what + " '" + aet + "' holds a character AE titles cannot have");
            }
        }
        return aet;
    }
}
