// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.dicom;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.DicomInputStream;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.lumen.viewer.image.WindowPreset;
import org.lumen.viewer.index.InstanceHeader;

/**
 * The Real World Value Mapping of an image (PS3.3 C.7.6.16.2.11): how its stored values become
 * quantities with units, per frame where the Per-Frame Functional Groups give one, else from the Shared
 * Functional Groups or the top level. A parametric map's values under the cursor, in its legend and in
 * {@code lumen info} are these. Read from the header only (stops before Pixel Data).
 *
 * @param frames one list of mappings per frame (empty lists where the frame has none); a single-frame
 *               object has one entry
 */
public record RealWorldValues(List<List<Mapping>> frames) {

    /** Parametric Map Storage. */
    public static final String PARAMETRIC_MAP_SOP_CLASS = "1.2.840.10008.5.1.4.1.1.30";

    private static final AttributeTag DOUBLE_FIRST_MAPPED = new AttributeTag(0x0040, 0x9214);
    private static final AttributeTag DOUBLE_LAST_MAPPED = new AttributeTag(0x0040, 0x9213);

    /**
     * One item of the sequence: a linear function or a LUT over stored values {@code first..last}.
     *
     * @param lut null for the linear function; else the real value of stored value {@code first + i}
     * @param units UCUM code ("mm2/s", "{probability}"; empty for UCUM's "1", no units), else the code meaning
     */
    public record Mapping(double first, double last, double slope, double intercept, double[] lut, String units, String label) {

        /** The real-world value of a stored value (the LUT's nearest entry, clamped to its ends). */
        public double apply(double stored) {
            if (lut == null) {
                return stored * slope + intercept;
            }
            if (Double.isNaN(stored) || lut.length == 0) {
                return Double.NaN;
            }
            long i = Math.round(stored - first);
            return lut[(int) Math.clamp(i, 0, lut.length - 1)];
        }

        boolean covers(double stored) {
            return stored >= Math.min(first, last) && stored <= Math.max(first, last);
        }

        /** "slope 0.001, intercept 0" or "LUT of 256 entries" for {@code lumen info}. */
        public String describe() {
            return lut == null ? "slope " + number(slope) + ", intercept " + number(intercept) : "LUT of " + lut.length + " entries";
        }
    }

    public RealWorldValues {
        frames = frames.stream().map(List::copyOf).toList();
    }

    /**
     * Whether an image's own view shows its real-world values (ADR 0039): a Parametric Map, or Float / Double Float
     * Pixel Data. Other images (a CT or MR that also carries a mapping) keep their modality values.
     */
    public static boolean holdsRealValues(InstanceHeader h) {
        return PARAMETRIC_MAP_SOP_CLASS.equals(h.sopClassUid()) || h.pixelData() != null && h.pixelData().isFloat();
    }

    /** No mapping anywhere: values are shown as stored. */
    public boolean isEmpty() {
        return frames.stream().allMatch(List::isEmpty);
    }

    /** The mappings of frame {@code frame} (0-based; the last frame's for a frame past the end). */
    public List<Mapping> of(int frame) {
        return frames.isEmpty() ? List.of() : frames.get(Math.clamp(frame, 0, frames.size() - 1));
    }

    /**
     * The real-world value of {@code stored} in frame {@code frame}: the first mapping whose range holds it,
     * else the frame's first mapping (writers often give a nominal range), else the value itself.
     */
    public double apply(int frame, double stored) {
        List<Mapping> mappings = of(frame);
        if (mappings.isEmpty()) {
            return stored;
        }
        for (Mapping m : mappings) {
            if (m.covers(stored)) {
                return m.apply(stored);
            }
        }
        return mappings.getFirst().apply(stored);
    }

    /** The units of the first mapping that has some (empty when none says). */
    public String units() {
        return frames.stream().flatMap(List::stream).map(Mapping::units).filter(u -> !u.isEmpty()).findFirst().orElse("");
    }

    /** Whether frame {@code frame} maps its values through a LUT (a window is then over the LUT's output). */
    public boolean isTable(int frame) {
        return of(frame).stream().anyMatch(m -> m.lut() != null);
    }

    /**
     * A window the file gives in stored values (its Window Center and Width apply before the mapping) as a window
     * over real-world values: its two ends through the first frame's mapping (a LUT's by its entries; with a negative
     * slope the ends swap, and the picture follows the real values). Unchanged without a mapping.
     */
    public WindowPreset window(WindowPreset stored) {
        if (of(0).isEmpty()) {
            return stored;
        }
        double a = apply(0, stored.lower());
        double b = apply(0, stored.upper());
        double width = Math.abs(b - a);
        if (!(width > 0) || !Double.isFinite(width)) {
            return stored;
        }
        return new WindowPreset(stored.name(), (a + b) / 2, width);
    }

    /** The first mapping, for a description; null when there is none. */
    public Mapping first() {
        return frames.stream().flatMap(List::stream).findFirst().orElse(null);
    }

    /**
     * The mappings of files read so far (maps are few and their mappings small): the cursor readout, on the FX
     * thread, takes them from here instead of reading a file.
     */
    private static final java.util.Map<Path, RealWorldValues> KNOWN = new java.util.concurrent.ConcurrentHashMap<>();

    /** The mapping of {@code file} if it has been {@link #read} (by the thumbnail or a heatmap), else null. */
    public static RealWorldValues known(Path file) {
        return KNOWN.get(file);
    }

    /** The mapping of {@code file}: remembered, else read now (off the FX thread). */
    public static RealWorldValues forFile(Path file) throws UnusableFileException {
        RealWorldValues known = KNOWN.get(file);
        return known != null ? known : read(file);
    }

    /** Reads the file's header (off the FX thread) and remembers its mapping for {@link #known}. */
    public static RealWorldValues read(Path file) throws UnusableFileException {
        RealWorldValues values = readHeader(file);
        KNOWN.put(file, values);
        return values;
    }

    private static RealWorldValues readHeader(Path file) throws UnusableFileException {
        AttributeList list = new AttributeList();
        try (InputStream in = Files.newInputStream(file);
             DicomInputStream dicom = new DicomInputStream(new BufferedInputStream(in, 16 * 1024))) {
            list.read(dicom, (l, tag, bytes) -> tag.getGroup() >= 0x7FE0);
        } catch (IOException | DicomException | RuntimeException e) {
            throw new UnusableFileException(file.getFileName() + " is not readable as DICOM: " + DicomHeaderReader.describe(e), e);
        }
        return of(list);
    }

    static RealWorldValues of(AttributeList list) {
        List<Mapping> fallback = mappings(list);
        AttributeList shared = firstItem(list, TagFromName.SharedFunctionalGroupsSequence);
        if (shared != null && !mappings(shared).isEmpty()) {
            fallback = mappings(shared);
        }
        List<List<Mapping>> frames = new ArrayList<>();
        if (list.get(TagFromName.PerFrameFunctionalGroupsSequence) instanceof SequenceAttribute perFrame) {
            for (int i = 0; i < perFrame.getNumberOfItems(); i++) {
                List<Mapping> own = mappings(perFrame.getItem(i).getAttributeList());
                frames.add(own.isEmpty() ? fallback : own);
            }
        }
        if (frames.isEmpty()) {
            frames.add(fallback);
        }
        return new RealWorldValues(frames);
    }

    private static AttributeList firstItem(AttributeList list, AttributeTag tag) {
        return list.get(tag) instanceof SequenceAttribute s && s.getNumberOfItems() > 0 ? s.getItem(0).getAttributeList() : null;
    }

    private static List<Mapping> mappings(AttributeList list) {
        if (!(list.get(TagFromName.RealWorldValueMappingSequence) instanceof SequenceAttribute s)) {
            return List.of();
        }
        List<Mapping> out = new ArrayList<>();
        for (int i = 0; i < s.getNumberOfItems(); i++) {
            AttributeList item = s.getItem(i).getAttributeList();
            Double first = firstOf(item, DOUBLE_FIRST_MAPPED, TagFromName.RealWorldValueFirstValueMapped);
            Double last = firstOf(item, DOUBLE_LAST_MAPPED, TagFromName.RealWorldValueLastValueMapped);
            Double slope = Attributes.decimal(item, TagFromName.RealWorldValueSlope);
            Double intercept = Attributes.decimal(item, TagFromName.RealWorldValueIntercept);
            double[] lut = Attributes.doubles(item, TagFromName.RealWorldValueLUTData);
            boolean linear = slope != null && Double.isFinite(slope);
            if (!linear && (lut == null || lut.length == 0)) {
                continue; // neither a function nor a table: nothing to apply
            }
            String label = Attributes.string(item, TagFromName.LUTLabel);
            out.add(new Mapping(first == null ? Double.NEGATIVE_INFINITY : first, last == null ? Double.POSITIVE_INFINITY : last,
                    linear ? slope : 1, linear && intercept != null ? intercept : 0, linear ? null : lut, units(item),
                    label == null ? "" : label.strip()));
        }
        return out;
    }

    private static Double firstOf(AttributeList item, AttributeTag preferred, AttributeTag other) {
        Double v = Attributes.decimal(item, preferred);
        return v != null ? v : Attributes.decimal(item, other);
    }

    private static String units(AttributeList item) {
        AttributeList code = firstItem(item, TagFromName.MeasurementUnitsCodeSequence);
        if (code == null) {
            return "";
        }
        String scheme = Attributes.string(code, TagFromName.CodingSchemeDesignator);
        String value = Attributes.string(code, TagFromName.CodeValue);
        String meaning = Attributes.string(code, TagFromName.CodeMeaning);
        if ("UCUM".equalsIgnoreCase(scheme == null ? "" : scheme.strip()) && value != null && !value.isBlank()) {
            return value.strip().equals("1") ? "" : value.strip();
        }
        return meaning == null ? "" : meaning.strip();
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
