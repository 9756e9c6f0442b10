// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.lumen.annotation.dicom.DicomDeidentifier;
import org.lumen.io.Folders;
import org.lumen.task.TaskCancelledException;
import org.lumen.task.TaskContext;
import org.lumen.viewer.dicom.DicomSniffer;

/**
 * De-identifies files and folders into a new folder laid out by pseudonym and new UIDs
 * ({@code ANON-…/STUDY/SERIES/INSTANCE.dcm}), so no original name or folder name goes with them.
 * The output is built in a hidden sibling folder and renamed into place at the end: a cancel or a
 * failure leaves no folder that looks like a finished export.
 */
public final class Deidentification {

    /** What a run did: files written, held back for review (with why), not DICOM, and failed (with why). */
    public record Summary(Path out, List<DicomDeidentifier.Written> written, List<DicomDeidentifier.HeldBack> heldBack,
                          List<DicomDeidentifier.LeftOut> leftOut, int notDicom, Map<Path, String> failed) { }

    private final DicomDeidentifier deidentifier;

    public Deidentification(DicomDeidentifier deidentifier) {
        this.deidentifier = deidentifier;
    }

    /**
     * @param out a folder that does not exist yet, or is empty
     * @throws IOException when {@code out} holds files already, or cannot be written
     */
    public Summary run(List<Path> inputs, Path out, TaskContext task) throws IOException {
        if (Files.isDirectory(out)) {
            try (Stream<Path> entries = Files.list(out)) {
                if (entries.findAny().isPresent()) {
                    throw new IOException(out + " is not empty: de-identified files go into a new or empty folder");
                }
            }
        } else if (Files.exists(out)) {
            throw new IOException(out + " is a file, not a folder");
        }
        List<Path> files = new ArrayList<>();
        for (Path input : inputs) {
            if (Files.isDirectory(input)) {
                try (Stream<Path> walk = Files.walk(input)) {
                    walk.filter(Files::isRegularFile).sorted().forEach(files::add);
                }
            } else if (Files.isRegularFile(input)) {
                files.add(input);
            } else {
                throw new IOException(input + " does not exist");
            }
        }
        Path absoluteOut = out.toAbsolutePath().normalize();
        Path staging = absoluteOut.resolveSibling("." + absoluteOut.getFileName() + ".partial");
        Folders.deleteTree(staging);
        Folders.create(staging);
        List<DicomDeidentifier.Written> written = new ArrayList<>();
        List<DicomDeidentifier.HeldBack> heldBack = new ArrayList<>();
        List<DicomDeidentifier.LeftOut> leftOut = new ArrayList<>();
        Map<Path, String> failed = new LinkedHashMap<>();
        int notDicom = 0;
        try {
            for (int i = 0; i < files.size(); i++) {
                if (task.isCancelled()) {
                    throw new TaskCancelledException();
                }
                task.progress(i, files.size());
                Path file = files.get(i);
                Path temporary = staging.resolve("incoming-" + i + ".dcm");
                if (!DicomSniffer.mayBeDicom(file)) {
                    notDicom++;
                    continue;
                }
                try {
                    switch (deidentifier.deidentify(file, temporary)) {
                        case DicomDeidentifier.Written w -> {
                            Path target = staging.resolve(w.pseudonym().patientId()).resolve(name(w.newStudyUid(), "no-study"))
                                    .resolve(name(w.newSeriesUid(), "no-series")).resolve(name(w.newSopInstanceUid(), "instance-" + i) + ".dcm");
                            Files.createDirectories(target.getParent());
                            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
                            written.add(w.at(absoluteOut.resolve(staging.relativize(target))));
                        }
                        case DicomDeidentifier.HeldBack h -> heldBack.add(h);
                        case DicomDeidentifier.LeftOut l -> leftOut.add(l);
                    }
                } catch (IOException e) {
                    failed.put(file, e.getMessage());
                }
            }
            task.progress(files.size(), files.size());
            if (Files.exists(absoluteOut)) {
                Files.delete(absoluteOut);
            }
            Files.move(staging, absoluteOut, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            if (Files.exists(staging)) {
                Folders.deleteTree(staging);
            }
        }
        return new Summary(absoluteOut, written, heldBack, leftOut, notDicom, failed);
    }

    /** A UID as a file name; objects without one (rare, but valid for some) get a plain name. */
    private static String name(String uid, String otherwise) {
        return uid == null || uid.isBlank() ? otherwise : uid;
    }
}
