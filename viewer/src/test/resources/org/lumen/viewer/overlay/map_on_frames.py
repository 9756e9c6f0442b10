# SPDX-License-Identifier: Apache-2.0
# Writes a Parametric Map (Float32, in its own frame of reference) whose frames were derived from frames of a real
# enhanced multi-frame image: each map frame's Derivation Image / Source Image item names the image and its Referenced
# Frame Number. Frame m is derived from frame N-m of the image (the reverse order) and holds 100 (m + 1) + column +
# row / 100, so where it lands shows which frame it is. Writes the values pydicom reads back (little-endian float32),
# and one line "m instance-uid frame-numbers" per map frame.
#   good      every frame names one frame of the image
#   problems  frame 1 names frame N + 3 (none such), frame 2 names the image without a frame number (ambiguous),
#             frame 3 names frames 1 and 2 (ambiguous), frame 4 names its frame in another instance (another time point)
import sys, numpy, pydicom
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.sequence import Sequence
from pydicom.uid import generate_uid, ExplicitVRLittleEndian
image_path, other_path, target, expected, references, variant = sys.argv[1:7]
image = pydicom.dcmread(image_path)
other = pydicom.dcmread(other_path)
n = int(image.NumberOfFrames)
rows, cols = int(image.Rows), int(image.Columns)
per_image = image.PerFrameFunctionalGroupsSequence
measures = per_image[0].PixelMeasuresSequence[0]
orientation = [float(v) for v in per_image[0].PlaneOrientationSequence[0].ImageOrientationPatient]

ds = Dataset()
meta = FileMetaDataset()
meta.MediaStorageSOPClassUID = "1.2.840.10008.5.1.4.1.1.30"
meta.MediaStorageSOPInstanceUID = generate_uid()
meta.TransferSyntaxUID = ExplicitVRLittleEndian
ds.file_meta = meta
ds.SpecificCharacterSet = "ISO_IR 100"
ds.SOPClassUID = meta.MediaStorageSOPClassUID
ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
for k in ("PatientName", "PatientID", "PatientBirthDate", "PatientSex", "StudyInstanceUID", "StudyDate", "StudyTime",
          "ReferringPhysicianName", "StudyID", "AccessionNumber"):
    setattr(ds, k, getattr(image, k, ""))
ds.Modality = image.Modality
ds.SeriesInstanceUID = generate_uid()
ds.SeriesNumber = 901
ds.SeriesDescription = "Activation map"
ds.InstanceNumber = 1
ds.ContentDate = image.StudyDate
ds.ContentTime = "120000"
ds.ContentLabel = "ACTIVATION"
ds.ContentDescription = "Activation map per frame"
ds.ContentCreatorName = "Lumen^Test"
ds.Manufacturer = "Lumen tests"
ds.ManufacturerModelName = "parametric map writer"
ds.DeviceSerialNumber = "1"
ds.SoftwareVersions = "1"
ds.ImageType = ["DERIVED", "PRIMARY", "ACTIVATION", "NONE"]
ds.RecognizableVisualFeatures = "NO"
ds.ContentQualification = "RESEARCH"
ds.SamplesPerPixel = 1
ds.PhotometricInterpretation = "MONOCHROME2"
ds.Rows = rows
ds.Columns = cols
ds.BitsAllocated = 32
ds.NumberOfFrames = n
ds.PresentationLUTShape = "IDENTITY"
ds.LossyImageCompression = "00"
ds.BurnedInAnnotation = "NO"
# Its own frame of reference: the map is placed through its references, not its positions.
ds.FrameOfReferenceUID = generate_uid()
ds.PositionReferenceIndicator = ""
ds.AcquisitionContextSequence = Sequence()
ds.DimensionOrganizationType = "3D"
org = Dataset(); org.DimensionOrganizationUID = generate_uid()
ds.DimensionOrganizationSequence = Sequence([org])
dim = Dataset()
dim.DimensionOrganizationUID = org.DimensionOrganizationUID
dim.DimensionIndexPointer = 0x00200032
dim.FunctionalGroupPointer = 0x00209113
ds.DimensionIndexSequence = Sequence([dim])
shared = Dataset()
pm = Dataset(); pm.PixelSpacing = measures.PixelSpacing; pm.SliceThickness = measures.SliceThickness
shared.PixelMeasuresSequence = Sequence([pm])
po = Dataset(); po.ImageOrientationPatient = orientation
shared.PlaneOrientationSequence = Sequence([po])
rwv = Dataset()
rwv.DoubleFloatRealWorldValueFirstValueMapped = 0.0
rwv.DoubleFloatRealWorldValueLastValueMapped = 1000.0
rwv.RealWorldValueIntercept = 0.0
rwv.RealWorldValueSlope = 1.0
rwv.LUTExplanation = "activation"
rwv.LUTLabel = "ACT"
unit = Dataset(); unit.CodeValue = "1"; unit.CodingSchemeDesignator = "UCUM"; unit.CodeMeaning = "no units"
rwv.MeasurementUnitsCodeSequence = Sequence([unit])
q = Dataset(); q.ValueType = "CODE"
name = Dataset(); name.CodeValue = "246205007"; name.CodingSchemeDesignator = "SCT"; name.CodeMeaning = "Quantity"
q.ConceptNameCodeSequence = Sequence([name])
qv = Dataset(); qv.CodeValue = "C25588"; qv.CodingSchemeDesignator = "NCIt"; qv.CodeMeaning = "Probability"
q.ConceptCodeSequence = Sequence([qv])
rwv.QuantityDefinitionSequence = Sequence([q])
shared.RealWorldValueMappingSequence = Sequence([rwv])
fa = Dataset(); fa.FrameLaterality = "U"
ar = Dataset(); ar.CodeValue = "12738006"; ar.CodingSchemeDesignator = "SCT"; ar.CodeMeaning = "Brain"
fa.AnatomicRegionSequence = Sequence([ar])
shared.FrameAnatomySequence = Sequence([fa])
pvt = Dataset(); pvt.RescaleIntercept = 0; pvt.RescaleSlope = 1; pvt.RescaleType = "US"
shared.PixelValueTransformationSequence = Sequence([pvt])
ident = Dataset(); ident.FrameType = ["DERIVED", "PRIMARY", "ACTIVATION", "NONE"]
shared.ParametricMapFrameTypeSequence = Sequence([ident])
ds.SharedFunctionalGroupsSequence = Sequence([shared])

def source(d, numbers):
    src = Dataset(); src.ReferencedSOPClassUID = d.SOPClassUID; src.ReferencedSOPInstanceUID = d.SOPInstanceUID
    if numbers:
        src.ReferencedFrameNumber = numbers if len(numbers) > 1 else numbers[0]
    pur = Dataset(); pur.CodeValue = "121322"; pur.CodingSchemeDesignator = "DCM"; pur.CodeMeaning = "Source image for image processing operation"
    src.PurposeOfReferenceCodeSequence = Sequence([pur])
    return src

frames, per, lines = [], [], []
jj, ii = numpy.mgrid[0:rows, 0:cols]
for m in range(n):
    f = n - m  # 1-based frame of the image this map frame was derived from
    d, numbers = image, [f]
    if variant == "problems":
        if m == 0: numbers = [n + 3]
        if m == 1: numbers = []
        if m == 2: numbers = [1, 2]
        if m == 3: d = other
    frames.append((100.0 * (m + 1) + ii + jj / 100.0).astype("<f4"))
    fg = Dataset()
    pp = Dataset(); pp.ImagePositionPatient = [float(v) for v in per_image[f - 1].PlanePositionSequence[0].ImagePositionPatient]
    fg.PlanePositionSequence = Sequence([pp])
    fc = Dataset(); fc.DimensionIndexValues = [m + 1]
    fg.FrameContentSequence = Sequence([fc])
    der = Dataset()
    dc = Dataset(); dc.CodeValue = "110001"; dc.CodingSchemeDesignator = "DCM"; dc.CodeMeaning = "Image Processing"
    der.DerivationCodeSequence = Sequence([dc])
    der.SourceImageSequence = Sequence([source(d, numbers)])
    fg.DerivationImageSequence = Sequence([der])
    per.append(fg)
    lines.append("%d %s %s" % (m, d.SOPInstanceUID, ",".join(str(v) for v in numbers)))
ds.PerFrameFunctionalGroupsSequence = Sequence(per)
ref = Dataset(); ref.SeriesInstanceUID = image.SeriesInstanceUID
item = Dataset(); item.ReferencedSOPClassUID = image.SOPClassUID; item.ReferencedSOPInstanceUID = image.SOPInstanceUID
ref.ReferencedInstanceSequence = Sequence([item])
ds.ReferencedSeriesSequence = Sequence([ref])
ds.FloatPixelData = numpy.stack(frames).tobytes()
ds.is_little_endian = True
ds.is_implicit_VR = False
ds.save_as(target, write_like_original=False)
again = pydicom.dcmread(target)
open(expected, "wb").write(again.pixel_array.astype("<f4").tobytes())
open(references, "w").write("\n".join(lines) + "\n")
