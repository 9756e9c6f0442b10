// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.dicom;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.CodedSequenceItem;
import com.pixelmed.dicom.ContentItem;
import com.pixelmed.dicom.ContentItemFactory;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.StructuredReport;
import com.pixelmed.dicom.TagFromName;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.lumen.annotation.catalog.Code;
import org.lumen.annotation.exchange.ImageReference;
import org.lumen.annotation.exchange.LumenCodes;
import org.lumen.annotation.exchange.ModelIdentity;
import org.lumen.annotation.exchange.ReportGroup;
import org.lumen.annotation.exchange.ReportedValue;
import org.lumen.annotation.exchange.ReviewDecision;
import org.lumen.annotation.exchange.SourceImage;
import org.lumen.annotation.exchange.SourceSeries;
import org.lumen.viewer.dicom.DicomUids;
import org.lumen.viewer.dicom.Part10Files;
import org.lumen.viewer.geometry.Vec3;

/**
 * Writes AI findings and a person's measurements as a TID 1500 Imaging Measurement Report in a
 * Comprehensive 3D SR, built with PixelMed's {@code ContentItemFactory} and laid out as highdicom's
 * {@code MeasurementReport} lays it out: language, person observer, procedure reported, an image
 * library of the source series, then one measurement group per finding or measurement (TID 1410 planar,
 * TID 1411 volumetric) with tracking identifier and UID, finding code, SCOORD3D region (a 2D model's finding:
 * an SCOORD in the pixels of the image it was found on, selected from that image and frame), numeric values
 * in UCUM units; an AI group names its model as device observer (name, version, SHA-256) and carries
 * the human decision as a qualitative evaluation, with who decided and when.
 */
public final class MeasurementReportExport {

    static final String COMPREHENSIVE_3D_SR = "1.2.840.10008.5.1.4.1.1.88.34";
    static final Code MEASUREMENT_REPORT = new Code("DCM", "126000", "Imaging Measurement Report");
    static final Code MEASUREMENT_GROUP = new Code("DCM", "125007", "Measurement Group");
    static final Code IMAGING_MEASUREMENTS = new Code("DCM", "126010", "Imaging Measurements");
    static final Code TRACKING_IDENTIFIER = new Code("DCM", "112039", "Tracking Identifier");
    static final Code TRACKING_UID = new Code("DCM", "112040", "Tracking Unique Identifier");
    static final Code FINDING = new Code("DCM", "121071", "Finding");
    static final Code IMAGE_REGION = new Code("DCM", "111030", "Image Region");
    static final Code VOLUME_SURFACE = new Code("DCM", "121231", "Volume Surface");
    static final Code OBSERVER_TYPE = new Code("DCM", "121005", "Observer Type");
    static final Code DEVICE_SERIAL_NUMBER = new Code("DCM", "121016", "Device Observer Serial Number");
    static final Code DEVICE_OBSERVER_NAME = new Code("DCM", "121013", "Device Observer Name");
    static final Code PERSON_OBSERVER_NAME = new Code("DCM", "121008", "Person Observer Name");
    static final Code ALGORITHM_NAME = new Code("DCM", "111001", "Algorithm Name");
    static final Code ALGORITHM_VERSION = new Code("DCM", "111003", "Algorithm Version");
    private static final Code LANGUAGE = new Code("DCM", "121049", "Language of Content Item and Descendants");
    private static final Code ENGLISH = new Code("RFC5646", "en-US", "English (United States)");
    private static final Code PERSON = new Code("DCM", "121006", "Person");
    private static final Code DEVICE = new Code("DCM", "121007", "Device");
    private static final Code DEVICE_OBSERVER_UID = new Code("DCM", "121012", "Device Observer UID");
    private static final Code DEVICE_MODEL_NAME = new Code("DCM", "121015", "Device Observer Model Name");
    private static final Code PROCEDURE_REPORTED = new Code("DCM", "121058", "Procedure reported");
    private static final Code IMAGE_LIBRARY = new Code("DCM", "111028", "Image Library");
    private static final Code IMAGE_LIBRARY_GROUP = new Code("DCM", "126200", "Image Library Group");
    private static final Code ALGORITHM_PARAMETERS = new Code("DCM", "111002", "Algorithm Parameters");
    private static final Code COMMENT = new Code("DCM", "121106", "Comment");
    private static final String CONTAINS = "CONTAINS";
    private static final String HAS_OBS_CONTEXT = "HAS OBS CONTEXT";
    private static final String HAS_CONCEPT_MOD = "HAS CONCEPT MOD";
    private static final String HAS_PROPERTIES = "HAS PROPERTIES";
    private static final String SELECTED_FROM = "SELECTED FROM";

    private MeasurementReportExport() { }

    /**
     * What the report says about itself.
     *
     * @param author            the person the report is from (Person Observer Name, "Family^Given")
     * @param procedureReported the procedure (CID 100), e.g. {@link #CT}
     */
    public record Description(String seriesDescription, int seriesNumber, String author, Code procedureReported,
                              String softwareVersion) {

        /** LOINC 25045-6 (CID 100), for a report on CT. */
        public static final Code CT = new Code("LN", "25045-6", "CT unspecified body region");
        /** LOINC 25056-3 (CID 100), for a report on MR. */
        public static final Code MR = new Code("LN", "25056-3", "MRI unspecified body region");
        /** SCT 363679005, for a report on any other imaging. */
        public static final Code IMAGING = new Code("SCT", "363679005", "Imaging procedure");

        public Description {
            Objects.requireNonNull(author, "author");
            Objects.requireNonNull(procedureReported, "procedureReported");
        }
    }

    /** The file written, its new UIDs and how many measurement groups it holds. */
    public record Written(Path file, String seriesInstanceUid, String sopInstanceUid, int groups) { }

    /**
     * Writes {@code groups} about {@code source} as a Measurement Report at {@code target}.
     *
     * @throws IllegalArgumentException when there is no group to report
     * @throws IOException naming the target when it cannot be written
     */
    public static Written write(SourceSeries source, List<ReportGroup> groups, Description description, Path target) throws IOException {
        if (groups.isEmpty()) {
            throw new IllegalArgumentException("nothing to write to " + target + ": a Measurement Report needs at least one measurement group");
        }
        AttributeList sourceHeader = DataSets.readHeader(source.headerFile());
        String series = DicomUids.random();
        String instance = DicomUids.random();
        try {
            LocalDateTime now = LocalDateTime.now();
            AttributeList list = new StructuredReport(tree(source, groups, description)).getAttributeList();
            header(list, sourceHeader, source, description, series, instance, now);
            Part10Files.write(list, Part10Files.EXPLICIT_VR_LITTLE_ENDIAN, target);
        } catch (DicomException e) {
            throw new IOException("cannot write the measurement report " + target + ": " + e.getMessage(), e);
        }
        return new Written(target, series, instance, groups.size());
    }

    private static ContentItem tree(SourceSeries source, List<ReportGroup> groups, Description d) throws DicomException {
        ContentItemFactory f = new ContentItemFactory();
        ContentItem root = f.makeContainerContentItem(null, null, coded(MEASUREMENT_REPORT), true, "DCMR", "1500");
        f.makeCodeContentItem(root, HAS_CONCEPT_MOD, coded(LANGUAGE), coded(ENGLISH));
        f.makeCodeContentItem(root, HAS_OBS_CONTEXT, coded(OBSERVER_TYPE), coded(PERSON));
        f.makePersonNameContentItem(root, HAS_OBS_CONTEXT, coded(PERSON_OBSERVER_NAME), d.author());
        Set<ModelIdentity> models = new LinkedHashSet<>();
        for (ReportGroup group : groups) {
            if (group.model() != null && models.add(group.model())) {
                // TID 1002/1004: each model is a device observer of the report; its groups name it again (TID 4019).
                f.makeCodeContentItem(root, HAS_OBS_CONTEXT, coded(OBSERVER_TYPE), coded(DEVICE));
                f.makeUIDContentItem(root, HAS_OBS_CONTEXT, coded(DEVICE_OBSERVER_UID), deviceUid(group.model()));
                f.makeTextContentItem(root, HAS_OBS_CONTEXT, coded(DEVICE_OBSERVER_NAME), group.model().name());
                f.makeTextContentItem(root, HAS_OBS_CONTEXT, coded(DEVICE_MODEL_NAME), group.model().name() + " " + group.model().version());
                f.makeTextContentItem(root, HAS_OBS_CONTEXT, coded(DEVICE_SERIAL_NUMBER), "sha256:" + group.model().sha256());
            }
        }
        f.makeCodeContentItem(root, HAS_CONCEPT_MOD, coded(PROCEDURE_REPORTED), coded(d.procedureReported()));
        ContentItem library = f.makeContainerContentItem(root, CONTAINS, coded(IMAGE_LIBRARY), true);
        ContentItem libraryGroup = f.makeContainerContentItem(library, CONTAINS, coded(IMAGE_LIBRARY_GROUP), true);
        Set<String> listed = new LinkedHashSet<>();
        for (SourceImage image : source.slices()) {
            if (listed.add(image.sopInstanceUid())) {
                f.makeImageContentItem(libraryGroup, CONTAINS, null, image.sopClassUid(), image.sopInstanceUid(), 0, 0, null, null,
                        null, null);
            }
        }
        ContentItem measurements = f.makeContainerContentItem(root, CONTAINS, coded(IMAGING_MEASUREMENTS), true);
        for (ReportGroup group : groups) {
            group(f, measurements, group);
        }
        return root;
    }

    private static void group(ContentItemFactory f, ContentItem parent, ReportGroup g) throws DicomException {
        boolean volumetric = g.region() != null && g.region().volumetric();
        // TID 1410 needs an image region and TID 1411 a volume; a group with neither is TID 1501.
        ContentItem group = f.makeContainerContentItem(parent, CONTAINS, coded(MEASUREMENT_GROUP), true, "DCMR",
                g.region() == null ? "1501" : volumetric ? "1411" : "1410");
        f.makeTextContentItem(group, HAS_OBS_CONTEXT, coded(TRACKING_IDENTIFIER), g.trackingId());
        f.makeUIDContentItem(group, HAS_OBS_CONTEXT, coded(TRACKING_UID), g.trackingUid());
        if (g.finding() != null) {
            f.makeCodeContentItem(group, CONTAINS, coded(FINDING), coded(g.finding()));
        }
        if (g.model() != null) {
            // TID 4019 Algorithm Identification, as highdicom writes it for a model's measurements.
            f.makeTextContentItem(group, HAS_CONCEPT_MOD, coded(ALGORITHM_NAME), g.model().name());
            f.makeTextContentItem(group, HAS_CONCEPT_MOD, coded(ALGORITHM_VERSION), g.model().version());
            f.makeTextContentItem(group, HAS_CONCEPT_MOD, coded(ALGORITHM_PARAMETERS), "sha256=" + g.model().sha256());
        }
        if (g.region() != null && g.image() != null) {
            // A region on one image (a 2D model's finding): SCOORD in its pixels, SELECTED FROM that image (and frame).
            float[] data = new float[g.region().points().size() * 2];
            int i = 0;
            for (Vec3 p : g.region().points()) {
                data[i++] = (float) p.x();
                data[i++] = (float) p.y();
            }
            ContentItem scoord = f.makeSpatialCoordinatesContentItem(group, CONTAINS, coded(IMAGE_REGION), g.region().graphicType(), data);
            ImageReference image = g.image();
            f.makeImageContentItem(scoord, SELECTED_FROM, null, image.sopClassUid(), image.sopInstanceUid(), image.frameNumber(), 0,
                    null, null, null, null);
        } else if (g.region() != null) {
            float[] data = new float[g.region().points().size() * 3];
            int i = 0;
            for (Vec3 p : g.region().points()) {
                data[i++] = (float) p.x();
                data[i++] = (float) p.y();
                data[i++] = (float) p.z();
            }
            f.makeSpatialCoordinates3DContentItem(group, CONTAINS, coded(volumetric ? VOLUME_SURFACE : IMAGE_REGION),
                    g.region().graphicType(), data, g.frameOfReferenceUid());
        }
        for (ReportedValue value : g.values()) {
            f.makeNumericContentItem(group, CONTAINS, coded(value.concept()), decimal(value.value()), coded(value.unit()));
        }
        ReviewDecision decision = g.decision();
        if (decision != null) {
            String at = Elements.DATE_TIME.format(decision.at().atZone(ZoneId.systemDefault()));
            ContentItem evaluation = f.makeCodeContentItem(group, CONTAINS, coded(LumenCodes.REVIEW), coded(decision.decision()), at, null);
            f.makeCodeContentItem(evaluation, HAS_OBS_CONTEXT, coded(OBSERVER_TYPE), coded(PERSON));
            f.makePersonNameContentItem(evaluation, HAS_OBS_CONTEXT, coded(PERSON_OBSERVER_NAME), decision.byWhom());
            if (decision.comment() != null && !decision.comment().isBlank()) {
                f.makeTextContentItem(evaluation, HAS_PROPERTIES, coded(COMMENT), decision.comment());
            }
        }
    }

    /** The Device Observer UID of a model: the same for the same model file, in every report. */
    static String deviceUid(ModelIdentity model) {
        return DicomUids.fromName("lumen-model:" + model.sha256());
    }

    /** A decimal string of at most 16 characters (DS), as many significant digits as fit. */
    static String decimal(double value) {
        for (int digits = 12; digits > 1; digits--) {
            String s = new BigDecimal(value).round(new MathContext(digits)).stripTrailingZeros().toPlainString();
            if (s.length() <= 16) {
                return s;
            }
        }
        return String.format(java.util.Locale.ROOT, "%.6E", value);
    }

    private static void header(AttributeList list, AttributeList from, SourceSeries source, Description d, String series,
                               String instance, LocalDateTime now) throws DicomException {
        Elements.derivedInstance(list, from, COMPREHENSIVE_3D_SR, instance, now);
        Elements.put(list, TagFromName.Modality, "SR");
        Elements.put(list, TagFromName.SeriesInstanceUID, series);
        Elements.putInts(list, TagFromName.SeriesNumber, d.seriesNumber());
        Elements.put(list, TagFromName.SeriesDescription, d.seriesDescription());
        Elements.sequence(list, TagFromName.ReferencedPerformedProcedureStepSequence);
        Elements.put(list, TagFromName.Manufacturer, "Lumen");
        Elements.put(list, TagFromName.SoftwareVersions, d.softwareVersion());
        Elements.putInts(list, TagFromName.InstanceNumber, 1);
        Elements.put(list, TagFromName.ContentDate, Elements.date(now));
        Elements.put(list, TagFromName.ContentTime, Elements.time(now));
        Elements.put(list, TagFromName.CompletionFlag, "PARTIAL");
        Elements.put(list, TagFromName.VerificationFlag, "UNVERIFIED");
        Elements.sequence(list, TagFromName.PerformedProcedureCodeSequence);
        evidence(list, source);
        AttributeList scheme = new AttributeList();
        Elements.put(scheme, TagFromName.CodingSchemeDesignator, LumenCodes.SCHEME);
        Elements.put(scheme, TagFromName.CodingSchemeName, LumenCodes.SCHEME_NAME);
        Elements.put(scheme, TagFromName.CodingSchemeResponsibleOrganization, "Lumen project");
        Elements.sequence(list, TagFromName.CodingSchemeIdentificationSequence, scheme);
    }

    /** Current Requested Procedure Evidence: the source series' instances the report is about. */
    private static void evidence(AttributeList list, SourceSeries source) throws DicomException {
        AttributeList seriesItem = new AttributeList();
        Elements.put(seriesItem, TagFromName.SeriesInstanceUID, source.seriesInstanceUid());
        SequenceAttribute sops = Elements.sequence(seriesItem, TagFromName.ReferencedSOPSequence);
        Set<String> seen = new LinkedHashSet<>();
        for (SourceImage image : source.slices()) {
            if (seen.add(image.sopInstanceUid())) {
                AttributeList item = new AttributeList();
                Elements.put(item, TagFromName.ReferencedSOPClassUID, image.sopClassUid());
                Elements.put(item, TagFromName.ReferencedSOPInstanceUID, image.sopInstanceUid());
                sops.addItem(item);
            }
        }
        AttributeList study = new AttributeList();
        Elements.put(study, TagFromName.StudyInstanceUID, source.studyInstanceUid());
        Elements.sequence(study, TagFromName.ReferencedSeriesSequence, seriesItem);
        Elements.sequence(list, TagFromName.CurrentRequestedProcedureEvidenceSequence, study);
    }

    static CodedSequenceItem coded(Code code) throws DicomException {
        return new CodedSequenceItem(code.value(), code.scheme(), code.meaning());
    }
}
