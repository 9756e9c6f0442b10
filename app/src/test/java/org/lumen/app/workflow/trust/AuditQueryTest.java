// SPDX-License-Identifier: Apache-2.0
package org.lumen.app.workflow.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.lumen.annotation.catalog.AuditAction;
import org.lumen.annotation.catalog.AuditVerification;

/** The audit panel's filters as typed, and the chain check's sentence. */
class AuditQueryTest {

    @Test
    void blankFieldsDoNotFilterAndTypedOnesDo() {
        var none = AuditQuery.filter(" ", "", null, AuditQuery.ANY_ACTION);
        assertThat(none.studyUid()).isNull();
        assertThat(none.user()).isNull();
        assertThat(none.since()).isNull();
        assertThat(none.action()).isNull();

        var some = AuditQuery.filter(" 1.2.3 ", "ana", "2026-12-07", "send");
        assertThat(some.studyUid()).isEqualTo("1.2.3");
        assertThat(some.user()).isEqualTo("ana");
        assertThat(some.since()).isEqualTo(LocalDate.of(2026, 12, 7).atStartOfDay(ZoneId.systemDefault()).toInstant());
        assertThat(some.action()).isEqualTo(AuditAction.SEND);
        assertThat(AuditQuery.since("2026-12-07T08:00:00Z")).isEqualTo(Instant.parse("2026-12-07T08:00:00Z"));
    }

    @Test
    void theActionChooserListsEveryActionAfterAny() {
        assertThat(AuditQuery.actions()).first().isEqualTo(AuditQuery.ANY_ACTION);
        assertThat(AuditQuery.actions()).hasSize(AuditAction.values().length + 1).contains("setting-changed", "validation");
    }

    @Test
    void aSinceThatIsNotADateIsRefusedWithASentence() {
        assertThatThrownBy(() -> AuditQuery.filter(null, null, "last week", null))
                .hasMessage("Since takes a day (2026-12-07) or an instant (2026-12-07T08:00:00Z), not 'last week'.");
    }

    @Test
    void theVerdictSaysIntactOrNamesTheFirstBrokenEntry() {
        assertThat(AuditQuery.verdict(new AuditVerification(42, null, null)))
                .isEqualTo("Audit trail intact: 42 entries checked, each linked to the one before.");
        assertThat(AuditQuery.verdict(new AuditVerification(6, 7L, "its hash does not match its content")))
                .isEqualTo("The audit trail is broken at entry 7: its hash does not match its content (6 entries before it are intact).");
    }
}
