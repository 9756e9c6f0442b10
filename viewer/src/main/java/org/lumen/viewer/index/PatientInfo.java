// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.index;

/** Patient module values, decoded with the file's Specific Character Set. */
public record PatientInfo(String name, String id, String birthDate, String sex) {
}
