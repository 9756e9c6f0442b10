// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * pydicom's own test files, as Debian's python3-pydicom installs them (CI installs it for the
 * pydicom cross-checks): they hold twins of shared samples in syntaxes the shared set lacks (RT Dose
 * big endian and RLE, 16- and 32-bit RGB RLE). Read in place, never copied; tests skip without them.
 */
public final class PydicomFiles {

    private static final Path ROOT = Path.of("/usr/lib/python3/dist-packages/pydicom/data/test_files");

    private PydicomFiles() { }

    public static Path file(String name) {
        Path file = ROOT.resolve(name);
        assumeTrue(Files.isRegularFile(file), file + " is missing: install Debian's python3-pydicom");
        return file;
    }
}
