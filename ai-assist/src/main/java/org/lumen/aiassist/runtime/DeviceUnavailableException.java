// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.runtime;

/** A device was asked for explicitly ({@code cuda:N}) and cannot be used; the message says why. */
public final class DeviceUnavailableException extends Exception {

    public DeviceUnavailableException(String message) {
        super(message);
    }
}
