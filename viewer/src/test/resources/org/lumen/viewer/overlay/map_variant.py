# SPDX-License-Identifier: Apache-2.0
# Rewrites the parametric map test sample (parametric_map.py's output) into a variant, and writes the real-world
# values pydicom's reading implies, frame after frame in file order (little-endian float32):
#   linear     per-frame mappings in mm2/s: slope 0.0025 (even frames) or 0.005 (odd), intercept 0.0001
#   lut        stored values made 0..255 (still Float32), mapped by a 256-entry LUT in {probability}
#   integer    stored values made 0..1000 as unsigned 16-bit Pixel Data, mapped by slope 0.001 in {probability}
#   referenced another frame of reference; frame n derived from CT slice N-1-n (the reverse of its position)
#   noposition another frame of reference, no plane positions (not a valid Parametric Map: a careless tool's)
#   shifted    the same frame of reference, positions moved 20 mm along z: positions and references disagree
import sys, numpy, pydicom
from pydicom.dataset import Dataset
from pydicom.sequence import Sequence
from pydicom.uid import generate_uid
source, target, expected, variant = sys.argv[1:5]
ds = pydicom.dcmread(source)
stored = ds.pixel_array.astype("<f4")
n = stored.shape[0]
def units(code, meaning):
    u = Dataset(); u.CodeValue = code; u.CodingSchemeDesignator = "UCUM"; u.CodeMeaning = meaning
    return Sequence([u])
rwv = ds.SharedFunctionalGroupsSequence[0].RealWorldValueMappingSequence[0]
real = stored.copy()
if variant == "linear":
    # A functional group is shared or per frame, never both: every frame gets its own mapping.
    shared = ds.SharedFunctionalGroupsSequence[0]
    del shared.RealWorldValueMappingSequence
    for i, frame in enumerate(ds.PerFrameFunctionalGroupsSequence):
        slope = 0.005 if i % 2 == 1 else 0.0025
        own = Dataset()
        for k in ("DoubleFloatRealWorldValueFirstValueMapped", "DoubleFloatRealWorldValueLastValueMapped", "LUTExplanation",
                  "QuantityDefinitionSequence"):
            setattr(own, k, getattr(rwv, k))
        own.LUTLabel = "ADC"
        own.RealWorldValueIntercept = 0.0001; own.RealWorldValueSlope = slope
        own.MeasurementUnitsCodeSequence = units("mm2/s", "square millimeter per second")
        frame.RealWorldValueMappingSequence = Sequence([own])
        real[i] = stored[i].astype("f8") * slope + 0.0001
elif variant == "lut":
    stored = numpy.round(stored * 255).astype("<f4")
    ds.FloatPixelData = stored.tobytes()
    del rwv.RealWorldValueSlope; del rwv.RealWorldValueIntercept
    del rwv.DoubleFloatRealWorldValueFirstValueMapped; del rwv.DoubleFloatRealWorldValueLastValueMapped
    rwv.RealWorldValueFirstValueMapped = 0; rwv.RealWorldValueLastValueMapped = 255
    table = (numpy.arange(256, dtype="f8") / 255.0) ** 2
    rwv.RealWorldValueLUTData = [float(v) for v in table]
    rwv.MeasurementUnitsCodeSequence = units("{probability}", "probability")
    real = table[stored.astype(int)].astype("<f4")
elif variant == "integer":
    stored = numpy.round(stored * 1000).astype("<u2")
    del ds.FloatPixelData
    ds.BitsAllocated = 16; ds.BitsStored = 16; ds.HighBit = 15; ds.PixelRepresentation = 0
    ds.add_new(0x7FE00010, "OW", stored.tobytes())
    del rwv.DoubleFloatRealWorldValueFirstValueMapped; del rwv.DoubleFloatRealWorldValueLastValueMapped
    rwv.RealWorldValueFirstValueMapped = 0; rwv.RealWorldValueLastValueMapped = 1000
    rwv.RealWorldValueSlope = 0.001; rwv.RealWorldValueIntercept = 0.0
    real = (stored.astype("f8") * 0.001).astype("<f4")
else:
    if variant in ("referenced", "noposition"):
        ds.FrameOfReferenceUID = generate_uid()
    frames = ds.PerFrameFunctionalGroupsSequence
    sources = [f.DerivationImageSequence[0].SourceImageSequence[0].ReferencedSOPInstanceUID for f in frames]
    for i, frame in enumerate(frames):
        src = frame.DerivationImageSequence[0].SourceImageSequence[0]
        if variant == "referenced":
            src.ReferencedSOPInstanceUID = sources[n - 1 - i]
        if variant == "noposition":
            del frame.PlanePositionSequence
        if variant == "shifted":
            p = [float(v) for v in frame.PlanePositionSequence[0].ImagePositionPatient]
            frame.PlanePositionSequence[0].ImagePositionPatient = [p[0], p[1], p[2] + 20.0]
ds.SeriesInstanceUID = generate_uid()
ds.SOPInstanceUID = ds.file_meta.MediaStorageSOPInstanceUID = generate_uid()
ds.save_as(target, write_like_original=False)
again = pydicom.dcmread(target)
check = again.pixel_array.astype("<f4")
assert numpy.array_equal(check, stored.astype("<f4")), "pydicom reads back other stored values"
open(expected, "wb").write(numpy.asarray(real, dtype="<f4").tobytes())
