// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.dicom;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Lists the files a DICOMDIR refers to (its Referenced File IDs), relative to the DICOMDIR's folder. */
public final class DicomDirReader {

    private static final String MEDIA_STORAGE_DIRECTORY = SopClasses.MEDIA_STORAGE_DIRECTORY;

    /** True when the file is a DICOMDIR (Media Storage Directory Storage). */
    public static boolean isDicomDir(Path file) {
        try {
            AttributeList meta = new AttributeList();
            meta.readOnlyMetaInformationHeader(file.toFile());
            return MEDIA_STORAGE_DIRECTORY.equals(Attributes.string(meta, TagFromName.MediaStorageSOPClassUID));
        } catch (IOException | DicomException | RuntimeException e) {
            return false;
        }
    }

    public List<Path> referencedFiles(Path dicomDir) throws UnusableFileException {
        AttributeList list = new AttributeList();
        try {
            list.read(dicomDir.toFile());
        } catch (IOException | DicomException | RuntimeException e) {
            throw new UnusableFileException("cannot read DICOMDIR: " + DicomHeaderReader.describe(e), e);
        }
        if (!(list.get(TagFromName.DirectoryRecordSequence) instanceof SequenceAttribute records)) {
            throw new UnusableFileException("not a DICOMDIR: no Directory Record Sequence");
        }
        Path root = dicomDir.toAbsolutePath().getParent();
        Set<Path> files = new LinkedHashSet<>();
        for (int i = 0; i < records.getNumberOfItems(); i++) {
            String id = Attributes.strings(records.getItem(i).getAttributeList(), TagFromName.ReferencedFileID);
            if (id != null) {
                Path file = root;
                for (String component : id.split("\\\\")) {
                    file = file.resolve(component.strip());
                }
                files.add(file.normalize());
            }
        }
        return new ArrayList<>(files);
    }
}
