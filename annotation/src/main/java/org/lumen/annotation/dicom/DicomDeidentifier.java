// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeFactory;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.CodeStringAttribute;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.LongStringAttribute;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.SequenceItem;
import com.pixelmed.dicom.ShortStringAttribute;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.ValueRepresentation;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.lumen.annotation.deid.BurnedInText;
import org.lumen.annotation.deid.ConfidentialityProfile;
import org.lumen.annotation.deid.DeidAction;
import org.lumen.annotation.deid.DeidOption;
import org.lumen.annotation.deid.DeidSettings;
import org.lumen.annotation.deid.Identities;
import org.lumen.annotation.deid.PixelRegion;
import org.lumen.annotation.deid.IdentifyingValues;
import org.lumen.annotation.deid.Pseudonym;
import org.lumen.annotation.deid.SafePrivateAttributes;
import org.lumen.annotation.deid.ShiftedDates;
import org.lumen.viewer.dicom.Part10Files;

/**
 * Applies PS3.15's Basic Application Level Confidentiality Profile, with the chosen options, to one
 * DICOM file and writes the result as a new Part 10 file (atomically, pixel data as it was encoded).
 * Every attribute the table lists gets its action, at every depth of nested sequences; private
 * attributes, curves and overlays go; the output says how it was de-identified.
 */
public final class DicomDeidentifier {

    private static final AttributeTag PATIENT_IDENTITY_REMOVED = new AttributeTag(0x0012, 0x0062);
    private static final AttributeTag DEIDENTIFICATION_METHOD = new AttributeTag(0x0012, 0x0063);
    private static final AttributeTag DEIDENTIFICATION_METHOD_CODES = new AttributeTag(0x0012, 0x0064);
    private static final AttributeTag LONGITUDINAL_TEMPORAL_INFORMATION_MODIFIED = new AttributeTag(0x0028, 0x0303);
    private static final AttributeTag BURNED_IN_ANNOTATION = new AttributeTag(0x0028, 0x0301);
    private static final String EXPLICIT_VR_LITTLE_ENDIAN = "1.2.840.10008.1.2.1";
    private static final String CLEAN_PIXEL_DATA_CODE = "113101";

    private final ConfidentialityProfile profile;
    private final DeidSettings settings;
    private final Identities identities;
    private final String method;

    /** @param method the De-identification Method text, e.g. "Lumen 0.1.0: PS3.15 Basic Profile, …" (at most 64 characters are kept) */
    public DicomDeidentifier(ConfidentialityProfile profile, DeidSettings settings, Identities identities, String method) {
        this.profile = profile;
        this.settings = settings;
        this.identities = identities;
        this.method = method.length() > 64 ? method.substring(0, 64) : method;
    }

    /** What became of one input file. */
    public sealed interface Outcome {
        Path input();
    }

    /** Written to {@code output}, with the original and new UIDs of its study, series and instance. */
    public record Written(Path input, Path output, String studyUid, String newStudyUid, String seriesUid, String newSeriesUid,
                          String sopInstanceUid, String newSopInstanceUid, String patientId, Pseudonym pseudonym,
                          List<PixelRegion> masked) implements Outcome {

        public Written {
            masked = List.copyOf(masked);
        }

        /** The same outcome, with the file now at {@code moved}. */
        public Written at(Path moved) {
            return new Written(input, moved, studyUid, newStudyUid, seriesUid, newSeriesUid, sopInstanceUid, newSopInstanceUid, patientId,
                    pseudonym, masked);
        }
    }

    /** Not de-identified because it is not an object to share: a DICOMDIR, which indexes files by patient. */
    public record LeftOut(Path input, String why) implements Outcome { }

    /** Held back: its pixels may show identifying text, and nobody has reviewed it. */
    public record HeldBack(Path input, String why) implements Outcome { }

    /**
     * De-identifies {@code input} into {@code output}; an image that may carry burned-in text is held back
     * (not written) unless the settings say it was reviewed.
     *
     * @throws IOException when the file is not DICOM or cannot be written (with the path and reason)
     */
    public Outcome deidentify(Path input, Path output) throws IOException {
        AttributeList read = DataSets.read(input, false);
        if ("1.2.840.10008.1.3.10".equals(text(read, TagFromName.MediaStorageSOPClassUID)) || read.get(TagFromName.DirectoryRecordSequence) != null) {
            return new LeftOut(input, "a DICOMDIR indexes files by patient name; it is left out (Lumen indexes the de-identified folder itself)");
        }
        if (text(read, TagFromName.SOPClassUID) == null || text(read, TagFromName.SOPClassUID).isBlank()) {
            throw new IOException(input + " has no SOP Class UID: it is not a DICOM object Lumen can de-identify");
        }
        Optional<String> risk = BurnedInText.risk(text(read, BURNED_IN_ANNOTATION), text(read, TagFromName.Modality),
                text(read, TagFromName.SOPClassUID), text(read, TagFromName.ImageType));
        List<PixelRegion> masked = List.of();
        String transferSyntax = text(read, TagFromName.TransferSyntaxUID);
        if (transferSyntax == null || transferSyntax.isEmpty()) {
            transferSyntax = EXPLICIT_VR_LITTLE_ENDIAN;
        }
        if (risk.isPresent() && !settings.masks().isEmpty() && read.get(TagFromName.PixelData) != null) {
            // The pixels change: decoded, blanked, written uncompressed.
            read = DataSets.read(input, true);
            try {
                read.correctDecompressedImagePixelModule(true);
                read.insertLossyImageCompressionHistoryIfDecompressed();
                PixelMasks.blank(read, settings.masks());
            } catch (DicomException e) {
                throw new IOException("cannot mask the pixels of " + input + ": " + e.getMessage(), e);
            }
            masked = settings.masks();
            transferSyntax = EXPLICIT_VR_LITTLE_ENDIAN;
        } else if (risk.isPresent() && !settings.burnedInTextReviewed()) {
            return new HeldBack(input, risk.get());
        }
        AttributeList list = read;
        String patientId = text(list, TagFromName.PatientID);
        String patientName = text(list, TagFromName.PatientName);
        String study = text(list, TagFromName.StudyInstanceUID);
        String series = text(list, TagFromName.SeriesInstanceUID);
        String instance = text(list, TagFromName.SOPInstanceUID);
        Pseudonym pseudonym = identities.patient(patientId, patientName);
        Rewrite rewrite = new Rewrite(pseudonym, IdentifyingValues.of(patientName, patientId, text(list, TagFromName.PatientBirthDate),
                text(list, TagFromName.AccessionNumber), text(list, TagFromName.InstitutionName),
                text(list, TagFromName.ReferringPhysicianName), text(list, TagFromName.OtherPatientIDs)),
                new ShiftedDates(identities.dayShift(patientId, patientName)));
        list.removeGroupLengthAttributes();
        list.removeMetaInformationHeaderAttributes();
        try {
            rewrite.apply(list);
            mark(list, !masked.isEmpty());
        } catch (DicomException e) {
            throw new IOException("cannot de-identify " + input + ": " + e.getMessage(), e);
        }
        Part10Files.write(list, transferSyntax, output);
        return new Written(input, output, study, text(list, TagFromName.StudyInstanceUID), series, text(list, TagFromName.SeriesInstanceUID),
                instance, text(list, TagFromName.SOPInstanceUID), patientId, pseudonym, masked);
    }

    /**
     * PatientIdentityRemoved, the method in words and as codes (the profile, Clean Pixel Data where regions
     * were blanked, then each option), and what became of dates.
     */
    private void mark(AttributeList list, boolean pixelsCleaned) throws DicomException {
        put(list, new CodeStringAttribute(PATIENT_IDENTITY_REMOVED), "YES");
        put(list, new LongStringAttribute(DEIDENTIFICATION_METHOD), method);
        SequenceAttribute codes = new SequenceAttribute(DEIDENTIFICATION_METHOD_CODES);
        codes.addItem(code(DeidOption.BASIC_PROFILE_CODE, DeidOption.BASIC_PROFILE_MEANING));
        if (pixelsCleaned) {
            codes.addItem(code(CLEAN_PIXEL_DATA_CODE, "Clean Pixel Data Option"));
            put(list, new CodeStringAttribute(BURNED_IN_ANNOTATION), "NO");
        }
        for (DeidOption option : DeidOption.values()) {
            if (settings.has(option)) {
                codes.addItem(code(option.code(), option.meaning()));
            }
        }
        list.put(codes);
        put(list, new CodeStringAttribute(LONGITUDINAL_TEMPORAL_INFORMATION_MODIFIED), settings.longitudinalTemporalInformation());
    }

    private static AttributeList code(String value, String meaning) throws DicomException {
        AttributeList item = new AttributeList();
        put(item, new ShortStringAttribute(TagFromName.CodeValue), value);
        put(item, new ShortStringAttribute(TagFromName.CodingSchemeDesignator), "DCM");
        put(item, new LongStringAttribute(TagFromName.CodeMeaning), meaning);
        return item;
    }

    private static void put(AttributeList list, Attribute a, String value) throws DicomException {
        a.addValue(value);
        list.put(a);
    }

    static String text(AttributeList list, AttributeTag tag) {
        return Attribute.getSingleStringValueOrNull(list, tag);
    }

    /** The rewriting of one data set: the patient's pseudonym, the values to scrub from text, the date shift. */
    private final class Rewrite {

        private final Pseudonym pseudonym;
        private final IdentifyingValues identifying;
        private final ShiftedDates dates;

        Rewrite(Pseudonym pseudonym, IdentifyingValues identifying, ShiftedDates dates) {
            this.pseudonym = pseudonym;
            this.identifying = identifying;
            this.dates = dates;
        }

        void apply(AttributeList list) throws DicomException {
            List<Integer> overlayGroupsRemoved = new ArrayList<>();
            Set<AttributeTag> safePrivate = settings.options().contains(DeidOption.RETAIN_SAFE_PRIVATE)
                    ? SafePrivateBlocks.keptIn(list, SafePrivateAttributes.standard()) : Set.of();
            for (AttributeTag t : new ArrayList<>(list.keySet())) {
                Attribute a = list.get(t);
                if (a == null) {
                    continue;
                }
                int tag = (t.getGroup() << 16) | t.getElement();
                DeidAction action = profile.actionFor(tag, settings.options());
                if (action == null) {
                    recurse(a);
                    continue;
                }
                if (safePrivate.contains(t)) {
                    // Under Retain Safe Private: on the standard's list (Table E.3.10-1) or declared safe by the file.
                    continue;
                }
                if (t.getGroup() % 2 == 1 || (t.getGroup() & 0xFF00) == 0x5000) {
                    // Every other private attribute goes; curves go whole.
                    list.remove(t);
                    continue;
                }
                if ((t.getGroup() & 0xFF00) == 0x6000 && action != DeidAction.KEEP) {
                    // Overlay bitmaps and comments cannot be cleaned automatically: the whole overlay goes, so no
                    // overlay is left described without its data.
                    overlayGroupsRemoved.add(t.getGroup());
                    continue;
                }
                if (a instanceof SequenceAttribute && action == DeidAction.DUMMY && profile.allowsRemoval(tag)) {
                    // A dummy sequence would be an empty one, which breaks IODs that need an item when it is present.
                    action = DeidAction.REMOVE;
                }
                switch (action) {
                    case REMOVE -> list.remove(t);
                    case EMPTY -> list.put(empty(t, a, tag));
                    case DUMMY -> list.put(dummy(t, a, tag));
                    case KEEP -> recurse(a);
                    case CLEAN -> clean(list, t, a);
                    case REPLACE_UID -> replaceUids(list, t, a);
                }
            }
            for (int group : overlayGroupsRemoved) {
                for (AttributeTag t : new ArrayList<>(list.keySet())) {
                    if (t.getGroup() == group) {
                        list.remove(t);
                    }
                }
            }
        }

        private void recurse(Attribute a) throws DicomException {
            if (a instanceof SequenceAttribute sequence) {
                for (int i = 0; i < sequence.getNumberOfItems(); i++) {
                    SequenceItem item = sequence.getItem(i);
                    apply(item.getAttributeList());
                }
            }
        }

        /** Z: present and empty, except the patient's name and ID, which become the pseudonym (the standard allows a dummy). */
        private Attribute empty(AttributeTag t, Attribute a, int tag) throws DicomException {
            if (tag == 0x00100010) {
                return value(t, a, pseudonym.patientName());
            }
            if (tag == 0x00100020) {
                return value(t, a, pseudonym.patientId());
            }
            return AttributeFactory.newAttribute(t, a.getVR());
        }

        /** D: a value of the same VR that says nothing. */
        private Attribute dummy(AttributeTag t, Attribute a, int tag) throws DicomException {
            byte[] vr = a.getVR();
            if (ValueRepresentation.isSequenceVR(vr)) {
                return new SequenceAttribute(t);
            }
            if (ValueRepresentation.isUniqueIdentifierVR(vr)) {
                return uids(t, a);
            }
            String dummy = dummyValue(vr, tag);
            return dummy == null ? AttributeFactory.newAttribute(t, vr) : value(t, a, dummy);
        }

        private String dummyValue(byte[] vr, int tag) {
            if (tag == 0x00100010 || ValueRepresentation.isPersonNameVR(vr)) {
                return tag == 0x00100010 ? pseudonym.patientName() : "ANONYMOUS";
            }
            if (tag == 0x00100020) {
                return pseudonym.patientId();
            }
            if (ValueRepresentation.isDateVR(vr)) {
                return "19000101";
            }
            if (ValueRepresentation.isDateTimeVR(vr)) {
                return "19000101000000";
            }
            if (ValueRepresentation.isTimeVR(vr)) {
                return "000000";
            }
            if (ValueRepresentation.isAgeStringVR(vr)) {
                return "000Y";
            }
            if (ValueRepresentation.isIntegerStringVR(vr) || ValueRepresentation.isDecimalStringVR(vr)) {
                return "0";
            }
            if (ValueRepresentation.isCodeStringVR(vr)) {
                return "ANONYMIZED";
            }
            if (ValueRepresentation.isApplicationEntityVR(vr) || ValueRepresentation.isShortStringVR(vr)
                    || ValueRepresentation.isLongStringVR(vr) || ValueRepresentation.isShortTextVR(vr)
                    || ValueRepresentation.isLongTextVR(vr) || ValueRepresentation.isUnlimitedTextVR(vr)
                    || ValueRepresentation.isUnlimitedCharactersVR(vr)) {
                return "ANONYMIZED";
            }
            return null;
        }

        /** C: dates shifted (times kept), text scrubbed of the patient's identifying values, sequences de-identified inside. */
        private void clean(AttributeList list, AttributeTag t, Attribute a) throws DicomException {
            byte[] vr = a.getVR();
            if (ValueRepresentation.isSequenceVR(vr)) {
                recurse(a);
            } else if (ValueRepresentation.isDateVR(vr) || ValueRepresentation.isDateTimeVR(vr)) {
                String[] values = a.getStringValues();
                Attribute shifted = AttributeFactory.newAttribute(t, vr);
                for (String v : values == null ? new String[0] : values) {
                    shifted.addValue(dates.shift(v));
                }
                list.put(shifted);
            } else if (ValueRepresentation.isUniqueIdentifierVR(vr)) {
                list.put(uids(t, a));
            } else if (ValueRepresentation.isPersonNameVR(vr)) {
                list.put(value(t, a, "ANONYMOUS"));
            } else if (isText(vr)) {
                String[] values = a.getStringValues();
                Attribute scrubbed = AttributeFactory.newAttribute(t, vr);
                for (String v : values == null ? new String[0] : values) {
                    scrubbed.addValue(identifying.scrub(v));
                }
                list.put(scrubbed);
            }
        }

        private void replaceUids(AttributeList list, AttributeTag t, Attribute a) throws DicomException {
            if (a instanceof SequenceAttribute) {
                recurse(a);
            } else if (!settings.has(DeidOption.RETAIN_UIDS)) {
                list.put(uids(t, a));
            }
        }

        private Attribute uids(AttributeTag t, Attribute a) throws DicomException {
            Attribute replaced = AttributeFactory.newAttribute(t, a.getVR());
            String[] values = a.getStringValues();
            for (String v : values == null ? new String[0] : values) {
                replaced.addValue(v == null || v.isBlank() ? v : identities.uid(v));
            }
            return replaced;
        }

        private Attribute value(AttributeTag t, Attribute a, String value) throws DicomException {
            Attribute replaced = AttributeFactory.newAttribute(t, a.getVR());
            replaced.addValue(value);
            return replaced;
        }

        private boolean isText(byte[] vr) {
            return ValueRepresentation.isShortStringVR(vr) || ValueRepresentation.isLongStringVR(vr)
                    || ValueRepresentation.isShortTextVR(vr) || ValueRepresentation.isLongTextVR(vr)
                    || ValueRepresentation.isUnlimitedTextVR(vr) || ValueRepresentation.isUnlimitedCharactersVR(vr)
                    || ValueRepresentation.isCodeStringVR(vr);
        }
    }
}
