// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.review;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** Tests on the review fixture: a fresh {@link ReviewCases} catalog in a temporary folder for each test. */
abstract class WithReviewCases {

    @TempDir
    Path dir;

    ReviewCases cases;

    @BeforeEach
    void openCases() {
        cases = ReviewCases.open(dir);
    }

    @AfterEach
    void closeCases() {
        cases.close();
    }
}
