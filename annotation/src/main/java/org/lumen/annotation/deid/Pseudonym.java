// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.deid;

/** What a patient is called after de-identification: an ID and a name that say nothing about them. */
public record Pseudonym(String patientId, String patientName) { }
