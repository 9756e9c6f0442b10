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
            List<Path> listed = new DicomDirReader().referencedFiles(dicomDir);
            if (listed.isEmpty()) {
                problems.add(new Problem(dicomDir.toString(), "the DICOMDIR lists no files"));
            }
            for (Path file : listed) {
                if (Files.isRegularFile(file)) {
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
}
