// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.deid;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SafePrivateAttributesTest {

    private final SafePrivateAttributes list = SafePrivateAttributes.standard();

    @Test
    void holdsTheStandardsTableE3101() {
        // 130 rows in the edition converted; every row is a distinct group, creator and element.
        assertThat(list.size()).isEqualTo(130);
        assertThat(list.isSafe(0x0019, "SIEMENS MR HEADER", 0x0C)).isTrue();
        assertThat(list.isSafe(0x7053, "Philips PET Private Group", 0x00)).isTrue();
        // A creator holding a comma survives the CSV.
        assertThat(list.isSafe(0x7E01, "HOLOGIC, Inc.", 0x01)).isTrue();
    }

    @Test
    void aPrivateAttributeIsKnownOnlyByGroupCreatorAndElementTogether() {
        assertThat(list.isSafe(0x0019, "SIEMENS MR HEADER ", 0x0C)).as("padding is not part of the name").isTrue();
        assertThat(list.isSafe(0x0019, "SIEMENS MR HEADER", 0x0B)).isFalse();
        assertThat(list.isSafe(0x0021, "SIEMENS MR HEADER", 0x0C)).isFalse();
        assertThat(list.isSafe(0x0019, "GEMS_ACQU_01", 0x0C)).isFalse();
        assertThat(list.isSafe(0x0019, null, 0x0C)).isFalse();
    }
}
