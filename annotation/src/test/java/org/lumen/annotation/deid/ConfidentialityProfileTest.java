// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.deid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Table E.1-1 read from the data file: its size, actions, options, patterns; and the replacements built on it. */
class ConfidentialityProfileTest {

    private static final ConfidentialityProfile TABLE = ConfidentialityProfile.standard();

    @Test
    void theWholeTableIsThere() {
        assertThat(TABLE.size()).isGreaterThan(600);
        assertThat(TABLE.nameOf(0x00100010)).isEqualTo("Patient's Name");
    }

    @Test
    void theBasicProfileActsAsTheStandardSays() {
        assertThat(TABLE.actionFor(0x00100010, Set.of())).isEqualTo(DeidAction.EMPTY);          // Patient's Name: Z
        assertThat(TABLE.actionFor(0x00101040, Set.of())).isEqualTo(DeidAction.REMOVE);         // Patient's Address: X
        assertThat(TABLE.actionFor(0x0020000D, Set.of())).isEqualTo(DeidAction.REPLACE_UID);    // Study Instance UID: U
        assertThat(TABLE.actionFor(0x00080020, Set.of())).isEqualTo(DeidAction.EMPTY);          // Study Date: Z
        assertThat(TABLE.actionFor(0x00080018, Set.of())).isEqualTo(DeidAction.REPLACE_UID);    // SOP Instance UID
        assertThat(TABLE.actionFor(0x00280010, Set.of())).as("Rows is not listed: kept").isNull();
    }

    @Test
    void optionsOverrideTheBasicProfile() {
        assertThat(TABLE.actionFor(0x00080020, Set.of(DeidOption.RETAIN_LONGITUDINAL_FULL_DATES))).isEqualTo(DeidAction.KEEP);
        assertThat(TABLE.actionFor(0x00080020, Set.of(DeidOption.RETAIN_LONGITUDINAL_MODIFIED_DATES))).isEqualTo(DeidAction.CLEAN);
        assertThat(TABLE.actionFor(0x0020000D, Set.of(DeidOption.RETAIN_UIDS))).isEqualTo(DeidAction.KEEP);
        assertThat(TABLE.actionFor(0x00080080, Set.of(DeidOption.RETAIN_INSTITUTION_IDENTITY))).isEqualTo(DeidAction.KEEP);
        assertThat(TABLE.actionFor(0x00181000, Set.of(DeidOption.RETAIN_DEVICE_IDENTITY))).isEqualTo(DeidAction.KEEP);
        // An option that keeps wins over one that cleans the same attribute.
        assertThat(TABLE.actionFor(0x00102110, Set.of(DeidOption.CLEAN_DESCRIPTORS, DeidOption.RETAIN_PATIENT_CHARACTERISTICS)))
                .isIn(DeidAction.KEEP, DeidAction.CLEAN);
    }

    @Test
    void curvesOverlaysAndPrivateAttributesFollowTheirPatterns() {
        assertThat(TABLE.actionFor(0x50020010, Set.of())).isEqualTo(DeidAction.REMOVE);
        assertThat(TABLE.actionFor(0x60023000, Set.of())).isEqualTo(DeidAction.REMOVE);
        assertThat(TABLE.actionFor(0x60004000, Set.of())).isEqualTo(DeidAction.REMOVE);
        assertThat(TABLE.actionFor(0x60000010, Set.of())).as("overlay rows: not listed").isNull();
        assertThat(TABLE.actionFor(0x00291010, Set.of())).isEqualTo(DeidAction.REMOVE);
        assertThat(TABLE.actionFor(0x00291010, Set.of(DeidOption.RETAIN_SAFE_PRIVATE))).isEqualTo(DeidAction.CLEAN);
    }

    @Test
    void combinedCodesResolveToWhatKeepsTheObjectValid() {
        assertThat(DeidAction.resolve("X/Z")).isEqualTo(DeidAction.EMPTY);
        assertThat(DeidAction.resolve("X/Z/D")).isEqualTo(DeidAction.DUMMY);
        assertThat(DeidAction.resolve("Z/D")).isEqualTo(DeidAction.DUMMY);
        assertThat(DeidAction.resolve("X/Z/U*")).isEqualTo(DeidAction.REPLACE_UID);
        assertThatThrownBy(() -> DeidAction.resolve("Q")).hasMessageContaining("not an action");
    }

    @Test
    void datesOfOnePatientMoveTogether() {
        ShiftedDates dates = new ShiftedDates(-40);
        assertThat(dates.shift("20240131")).isEqualTo("20231222");
        assertThat(dates.shift("20240131123000.5+0100")).isEqualTo("20231222123000.5+0100");
        assertThat(dates.shift("20240101-20240131")).isEqualTo("20231122-20231222");
        assertThat(dates.shift("not a date")).isEmpty();
    }

    @Test
    void replacementsAreStableValidAndKeyed() {
        KeyedIdentities site = new KeyedIdentities("0123456789abcdef0123".getBytes(StandardCharsets.US_ASCII));
        String uid = site.uid("1.2.840.113619.2.55.3.1234");
        assertThat(uid).isEqualTo(site.uid("1.2.840.113619.2.55.3.1234")).startsWith("2.25.").matches("2\\.25\\.[1-9][0-9]*");
        assertThat(uid.length()).isLessThanOrEqualTo(64);
        assertThat(site.uid("1.2.3")).isNotEqualTo(site.uid("1.2.4"));
        Pseudonym p = site.patient("12345", "DOE^JOHN");
        assertThat(p).isEqualTo(site.patient("12345", "SMITH^JANE")).as("the ID decides");
        assertThat(p.patientId()).matches("ANON-[A-Z2-9]{10}");
        assertThat(site.dayShift("12345", null)).isBetween(-KeyedIdentities.MAX_SHIFT_DAYS, -1);
        assertThatThrownBy(() -> new KeyedIdentities(new byte[4])).hasMessageContaining("16 bytes");
    }

    @Test
    void identifyingValuesAreMaskedInFreeText() {
        IdentifyingValues values = IdentifyingValues.of("DOE^JOHN", "PID12345", null, "ACC778");
        assertThat(values.scrub("CT chest for John Doe, PID12345, acc ACC778")).isEqualTo("CT chest for *** ***, ***, acc ***");
        assertThat(values.scrub("CT chest")).isEqualTo("CT chest");
    }
}
