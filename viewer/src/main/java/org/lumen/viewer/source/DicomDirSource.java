// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.source;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.lumen.task.TaskContext;
import org.lumen.viewer.dicom.DicomDirReader;
import org.lumen.viewer.dicom.UnusableFileException;
import org.lumen.viewer.index.Problem;

/** The files a DICOMDIR lists; files it lists but the medium lacks are reported. */
public record DicomDirSource(Path dicomDir) implements DicomSource {

    @Override
    public String description() {
        return dicomDir.toString();
    }

    @Override
    public SourceListing list(TaskContext context) {
        List<Path> present = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        try {
            DicomDirReader.Listing listing = new DicomDirReader().referencedFiles(dicomDir);
            List<Path> listed = listing.files();
            listing.refused().forEach((id, why) -> problems.add(new Problem(dicomDir + " → " + id,
                    "refused: " + why + "; Lumen reads only files inside the DICOMDIR's folder")));
            if (listed.isEmpty() && listing.refused().isEmpty()) {
                problems.add(new Problem(dicomDir.toString(), "the DICOMDIR lists no files"));
            }
            Path folder = realFolder(dicomDir);
            for (Path file : listed) {
                if (Files.isRegularFile(file) && folder != null && !isInside(file, folder)) {
                    // A link on the medium may still point elsewhere: what it reaches must be inside too.
                    problems.add(new Problem(file.toString(), "refused: it links to a file outside the DICOMDIR's folder"));
                } else if (Files.isRegularFile(file)) {
                    present.add(file);
                } else {
                    problems.add(new Problem(file.toString(), "listed in the DICOMDIR but missing from the medium"));
                }
            }
        } catch (UnusableFileException e) {
            problems.add(new Problem(dicomDir.toString(), e.getMessage()));
        }
        return new SourceListing(present, problems);
    }

    private static Path realFolder(Path dicomDir) {
        try {
            return dicomDir.toAbsolutePath().getParent().toRealPath();
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private static boolean isInside(Path file, Path realFolder) {
        try {
            return file.toRealPath().startsWith(realFolder);
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
