# SPDX-License-Identifier: Apache-2.0
# Writes a Parametric Map (Float32, one frame per slice at half the resolution) over a real CT series, as an
# AI tool writes a probability map, and the values pydicom reads back from it (little-endian float32).
import sys, glob, os, numpy, pydicom
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.sequence import Sequence
from pydicom.uid import generate_uid, ExplicitVRLittleEndian
series_dir, target, expected = sys.argv[1:4]
cts = [pydicom.dcmread(f) for f in sorted(glob.glob(os.path.join(series_dir, "*")))]
cts.sort(key=lambda d: float(d.ImagePositionPatient[2]))
first = cts[0]
rows, cols = int(first.Rows) // 2, int(first.Columns) // 2
sp = [float(v) * 2 for v in first.PixelSpacing]
iop = [float(v) for v in first.ImageOrientationPatient]
r, c = numpy.array(iop[:3]), numpy.array(iop[3:])
frames = []
positions = []
for d in cts:
    o = numpy.array([float(v) for v in d.ImagePositionPatient])
    jj, ii = numpy.mgrid[0:rows, 0:cols]
    p = o[None, None, :] + ii[..., None] * sp[1] * r + jj[..., None] * sp[0] * c
    # A probability blob around a point inside the phantom, as a lesion detector would write.
    centre = numpy.array([float(v) for v in cts[len(cts) // 2].ImagePositionPatient]) + 256 * float(first.PixelSpacing[1]) * r + 200 * float(first.PixelSpacing[0]) * c
    d2 = ((p - centre) ** 2).sum(axis=2)
    frames.append(numpy.exp(-d2 / (2 * 25.0 ** 2)).astype("<f4"))
    positions.append(o)
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
          "ReferringPhysicianName", "StudyID", "AccessionNumber", "FrameOfReferenceUID", "PositionReferenceIndicator"):
    setattr(ds, k, getattr(first, k, ""))
ds.Modality = first.Modality
ds.SeriesInstanceUID = generate_uid()
ds.SeriesNumber = 900
ds.SeriesDescription = "Lesion probability"
ds.InstanceNumber = 1
ds.ContentDate = first.StudyDate
ds.ContentTime = "120000"
ds.ContentLabel = "PROBABILITY"
ds.ContentDescription = "Lesion probability map"
ds.ContentCreatorName = "Lumen^Test"
ds.Manufacturer = "Lumen tests"
ds.ManufacturerModelName = "parametric map writer"
ds.DeviceSerialNumber = "1"
ds.SoftwareVersions = "1"
ds.ImageType = ["DERIVED", "PRIMARY", "PROBABILITY", "NONE"]
ds.RecognizableVisualFeatures = "NO"
ds.ContentQualification = "RESEARCH"
ds.SamplesPerPixel = 1
ds.PhotometricInterpretation = "MONOCHROME2"
ds.Rows = rows
ds.Columns = cols
ds.BitsAllocated = 32
ds.NumberOfFrames = len(frames)
ds.PresentationLUTShape = "IDENTITY"
ds.LossyImageCompression = "00"
ds.BurnedInAnnotation = "NO"
ds.FrameOfReferenceUID = first.FrameOfReferenceUID
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
pm = Dataset(); pm.PixelSpacing = sp; pm.SliceThickness = first.SliceThickness
shared.PixelMeasuresSequence = Sequence([pm])
po = Dataset(); po.ImageOrientationPatient = iop
shared.PlaneOrientationSequence = Sequence([po])
rwv = Dataset()
rwv.DoubleFloatRealWorldValueFirstValueMapped = 0.0
rwv.DoubleFloatRealWorldValueLastValueMapped = 1.0
rwv.RealWorldValueIntercept = 0.0
rwv.RealWorldValueSlope = 1.0
rwv.LUTExplanation = "probability"
rwv.LUTLabel = "PROB"
unit = Dataset(); unit.CodeValue = "{probability}"; unit.CodingSchemeDesignator = "UCUM"; unit.CodeMeaning = "probability"
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
pvt = Dataset(); pvt.RescaleIntercept = 0; pvt.RescaleSlope = 1; pvt.RescaleType = "US"
shared.PixelValueTransformationSequence = Sequence([pvt])
shared.FrameAnatomySequence = Sequence([fa])
ident = Dataset(); ident.FrameType = ["DERIVED", "PRIMARY", "PROBABILITY", "NONE"]
shared.ParametricMapFrameTypeSequence = Sequence([ident])
ds.SharedFunctionalGroupsSequence = Sequence([shared])
per = []
for n, (d, o) in enumerate(zip(cts, positions)):
    f = Dataset()
    pp = Dataset(); pp.ImagePositionPatient = [float(v) for v in o]
    f.PlanePositionSequence = Sequence([pp])
    fc = Dataset(); fc.DimensionIndexValues = [n + 1]
    f.FrameContentSequence = Sequence([fc])
    der = Dataset()
    dc = Dataset(); dc.CodeValue = "110001"; dc.CodingSchemeDesignator = "DCM"; dc.CodeMeaning = "Image Processing"
    der.DerivationCodeSequence = Sequence([dc])
    src = Dataset(); src.ReferencedSOPClassUID = d.SOPClassUID; src.ReferencedSOPInstanceUID = d.SOPInstanceUID
    pur = Dataset(); pur.CodeValue = "121322"; pur.CodingSchemeDesignator = "DCM"; pur.CodeMeaning = "Source image for image processing operation"
    src.PurposeOfReferenceCodeSequence = Sequence([pur])
    der.SourceImageSequence = Sequence([src])
    f.DerivationImageSequence = Sequence([der])
    per.append(f)
ds.PerFrameFunctionalGroupsSequence = Sequence(per)
ref = Dataset(); ref.SeriesInstanceUID = first.SeriesInstanceUID
ref.ReferencedInstanceSequence = Sequence([Dataset() for _ in cts])
for item, d in zip(ref.ReferencedInstanceSequence, cts):
    item.ReferencedSOPClassUID = d.SOPClassUID; item.ReferencedSOPInstanceUID = d.SOPInstanceUID
ds.ReferencedSeriesSequence = Sequence([ref])
ds.FloatPixelData = numpy.stack(frames).tobytes()
ds.is_little_endian = True
ds.is_implicit_VR = False
ds.save_as(target, write_like_original=False)
again = pydicom.dcmread(target)
open(expected, "wb").write(again.pixel_array.astype("<f4").tobytes())
