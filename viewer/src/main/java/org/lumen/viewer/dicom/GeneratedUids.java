// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.dicom;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Stable UIDs for a file that lacks some of its Study, Series and SOP Instance UIDs: each is a
 * {@code 2.25.} UID (PS3.5 B.2) made from a SHA-256 digest, so the same file always gets the same
 * UIDs. The instance's comes from the file's bytes; the study's and series' from the attributes
 * that identify them (patient, dates, numbers) when the file has any, so files of one study still
 * group, and from the file's bytes when it has none.
 *
 * @param which the generated ones, named, e.g. "Study Instance UID, SOP Instance UID"
 */
record GeneratedUids(String study, String series, String instance, String which) {

    static GeneratedUids of(Path file, HeaderValues v, String study, String series, String instance)
            throws UnusableFileException {
        String content = digestOfFile(file);
        List<String> generated = new ArrayList<>();
        if (study == null) {
            String identity = joined(v, Tags.PATIENT_ID, Tags.STUDY_DATE, Tags.STUDY_TIME, Tags.ACCESSION_NUMBER, Tags.STUDY_ID);
            study = uid("study", identity == null ? content : identity);
            generated.add("Study Instance UID");
        }
        if (series == null) {
            String identity = joined(v, Tags.SERIES_NUMBER, Tags.MODALITY, Tags.SERIES_DESCRIPTION);
            series = uid("series", study + "|" + (identity == null ? content : identity));
            generated.add("Series Instance UID");
        }
        if (instance == null) {
            instance = uid("instance", content);
            generated.add("SOP Instance UID");
        }
        return new GeneratedUids(study, series, instance, String.join(", ", generated));
    }

    private static String joined(HeaderValues v, int... tags) {
        String[] values = Arrays.stream(tags).mapToObj(v::string).toArray(String[]::new);
        return Arrays.stream(values).allMatch(Objects::isNull) ? null : String.join("|", Arrays.stream(values).map(String::valueOf).toList());
    }

    private static String uid(String role, String source) {
        byte[] digest = sha256().digest((role + "|" + source).getBytes(StandardCharsets.UTF_8));
        return "2.25." + new BigInteger(1, Arrays.copyOf(digest, 16));
    }

    private static String digestOfFile(Path file) throws UnusableFileException {
        MessageDigest digest = sha256();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UnusableFileException("cannot read the file to generate its missing UIDs: " + DicomHeaderReader.describe(e), e);
        }
        return new BigInteger(1, digest.digest()).toString(16);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
