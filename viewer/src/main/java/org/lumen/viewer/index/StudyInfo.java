// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.index;

/** General Study module values. */
public record StudyInfo(String studyInstanceUid, String date, String time, String description,
                        String accessionNumber, String studyId) {
}
