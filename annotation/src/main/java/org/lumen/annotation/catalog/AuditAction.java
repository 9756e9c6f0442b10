// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.catalog;

import java.util.Arrays;
import java.util.Optional;

/** What an audit entry records; the code is what the catalog stores and what `lumen audit list --json` prints. */
public enum AuditAction {
    STUDY_OPENED("study-opened"),
    AI_RUN("ai-run"),
    AI_SHOWN("ai-shown"),
    FINDING_DECIDED("finding-decided"),
    LABEL_REVISED("label-revised"),
    REVIEW("review"),
    VALIDATION("validation"),
    EXPORT("export"),
    SEND("send"),
    SETTING_CHANGED("setting-changed");

    private final String code;

    AuditAction(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Optional<AuditAction> ofCode(String code) {
        return Arrays.stream(values()).filter(a -> a.code.equals(code)).findFirst();
    }
}
