// SPDX-License-Identifier: Apache-2.0
package org.lumen.network.dimse;

/** What the result, source and reason of an A-ASSOCIATE-RJ (PS3.8 §9.3.4) and an A-ABORT (§9.3.8) mean, in words. */
final class Rejections {

    private Rejections() { }

    static String rejection(int result, int source, int reason) {
        String why = switch (source) {
            case 1 -> switch (reason) {
                case 2 -> "application context name not supported";
                case 3 -> "calling AE title not recognised (Lumen's AE title is not configured on the PACS)";
                case 7 -> "called AE title not recognised (the PACS has another AE title)";
                default -> "no reason given";
            };
            case 2 -> reason == 2 ? "protocol version not supported" : "no reason given";
            case 3 -> switch (reason) {
                case 1 -> "temporary congestion";
                case 2 -> "local limit exceeded (too many associations)";
                default -> "no reason given";
            };
            default -> "no reason given";
        };
        return why + (result == 2 ? "; it may work later" : "");
    }

    static String abort(int source, int reason) {
        if (source != 2) {
            return "the PACS aborted the association";
        }
        return "the PACS aborted the association: " + switch (reason) {
            case 1 -> "unrecognised PDU";
            case 2 -> "unexpected PDU";
            case 4 -> "unrecognised PDU parameter";
            case 5 -> "unexpected PDU parameter";
            case 6 -> "invalid PDU parameter value";
            default -> "no reason given";
        };
    }
}
