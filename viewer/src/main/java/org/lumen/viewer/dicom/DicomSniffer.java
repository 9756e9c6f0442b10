// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.dicom;


/**
 * Decides cheaply whether a file can be DICOM at all, so a text file or a JPEG in a study folder is
 * reported as "not a DICOM file" instead of being fed to the parser.
 */
public final class DicomSniffer {

    private DicomSniffer() { }

    /** True when {@code file} can be DICOM: a Part 10 file, or a bare data set; false for anything else or an unreadable file. */
    public static boolean mayBeDicom(java.nio.file.Path file) {
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(file)) {
            byte[] head = in.readNBytes(132);
            requireDicom(head, head.length, head.length);
            return true;
        } catch (java.io.IOException | UnusableFileException e) {
            return false;
        }
    }

    /** @param head the first bytes of the file (at least 132 when the file has them) */
    static void requireDicom(byte[] head, int read, long size) throws UnusableFileException {
        if (read >= 132 && head[128] == 'D' && head[129] == 'I' && head[130] == 'C' && head[131] == 'M') {
            return;
        }
        if (read >= 8 && looksLikeDataSetStart(head)) {
            return; // a bare data set without preamble (older files, some exports)
        }
        throw new UnusableFileException(read < 8
                ? "not a DICOM file: too short (" + size + " bytes)"
                : "not a DICOM file: no 'DICM' prefix and no DICOM data set at the start");
    }

    /** A data set without preamble starts with a group 0002 or 0008 tag, little or big endian. */
    private static boolean looksLikeDataSetStart(byte[] b) {
        int groupLittle = (b[0] & 0xFF) | (b[1] & 0xFF) << 8;
        int groupBig = (b[0] & 0xFF) << 8 | (b[1] & 0xFF);
        return groupLittle == 0x0002 || groupLittle == 0x0008 || groupBig == 0x0002 || groupBig == 0x0008;
    }
}
