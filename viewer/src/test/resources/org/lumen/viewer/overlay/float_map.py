# SPDX-License-Identifier: Apache-2.0
# The parts of a Float32 Parametric Map that parametric_map.py and map_on_frames.py share: file meta, patient and study
# copied from the image it was made from, the map's series and content, the image pixel module, the dimension
# organisation, the shared functional groups (spacing, orientation, a linear Real World Value Mapping with its unit and
# quantity, anatomy, frame type), the derivation item each frame names its source with, and the writing.
import numpy, pydicom
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.sequence import Sequence
from pydicom.uid import generate_uid, ExplicitVRLittleEndian

PATIENT_AND_STUDY = ("PatientName", "PatientID", "PatientBirthDate", "PatientSex", "StudyInstanceUID", "StudyDate",
                     "StudyTime", "ReferringPhysicianName", "StudyID", "AccessionNumber")


def code(value, scheme, meaning):
    c = Dataset(); c.CodeValue = value; c.CodingSchemeDesignator = scheme; c.CodeMeaning = meaning
    return c


def new_map(image, *, series_number, description, label, content_description, kind, rows, cols, frames,
            spacing, thickness, orientation, last_value, unit, lut_explanation, lut_label):
    ds = Dataset()
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = "1.2.840.10008.5.1.4.1.1.30"
    meta.MediaStorageSOPInstanceUID = generate_uid()
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds.file_meta = meta
    ds.SpecificCharacterSet = "ISO_IR 100"
    ds.SOPClassUID = meta.MediaStorageSOPClassUID
    ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
    for k in PATIENT_AND_STUDY:
        setattr(ds, k, getattr(image, k, ""))
    ds.Modality = image.Modality
    ds.SeriesInstanceUID = generate_uid()
    ds.SeriesNumber = series_number
    ds.SeriesDescription = description
    ds.InstanceNumber = 1
    ds.ContentDate = image.StudyDate
    ds.ContentTime = "120000"
    ds.ContentLabel = label
    ds.ContentDescription = content_description
    ds.ContentCreatorName = "Lumen^Test"
    ds.Manufacturer = "Lumen tests"
    ds.ManufacturerModelName = "parametric map writer"
    ds.DeviceSerialNumber = "1"
    ds.SoftwareVersions = "1"
    ds.ImageType = ["DERIVED", "PRIMARY", kind, "NONE"]
    ds.RecognizableVisualFeatures = "NO"
    ds.ContentQualification = "RESEARCH"
    ds.SamplesPerPixel = 1
    ds.PhotometricInterpretation = "MONOCHROME2"
    ds.Rows = rows
    ds.Columns = cols
    ds.BitsAllocated = 32
    ds.NumberOfFrames = frames
    ds.PresentationLUTShape = "IDENTITY"
    ds.LossyImageCompression = "00"
    ds.BurnedInAnnotation = "NO"
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
    pm = Dataset(); pm.PixelSpacing = spacing; pm.SliceThickness = thickness
    shared.PixelMeasuresSequence = Sequence([pm])
    po = Dataset(); po.ImageOrientationPatient = orientation
    shared.PlaneOrientationSequence = Sequence([po])
    rwv = Dataset()
    rwv.DoubleFloatRealWorldValueFirstValueMapped = 0.0
    rwv.DoubleFloatRealWorldValueLastValueMapped = last_value
    rwv.RealWorldValueIntercept = 0.0
    rwv.RealWorldValueSlope = 1.0
    rwv.LUTExplanation = lut_explanation
    rwv.LUTLabel = lut_label
    rwv.MeasurementUnitsCodeSequence = Sequence([code(*unit)])
    q = Dataset(); q.ValueType = "CODE"
    q.ConceptNameCodeSequence = Sequence([code("246205007", "SCT", "Quantity")])
    q.ConceptCodeSequence = Sequence([code("C25588", "NCIt", "Probability")])
    rwv.QuantityDefinitionSequence = Sequence([q])
    shared.RealWorldValueMappingSequence = Sequence([rwv])
    fa = Dataset(); fa.FrameLaterality = "U"
    fa.AnatomicRegionSequence = Sequence([code("12738006", "SCT", "Brain")])
    shared.FrameAnatomySequence = Sequence([fa])
    pvt = Dataset(); pvt.RescaleIntercept = 0; pvt.RescaleSlope = 1; pvt.RescaleType = "US"
    shared.PixelValueTransformationSequence = Sequence([pvt])
    ident = Dataset(); ident.FrameType = ["DERIVED", "PRIMARY", kind, "NONE"]
    shared.ParametricMapFrameTypeSequence = Sequence([ident])
    ds.SharedFunctionalGroupsSequence = Sequence([shared])
    return ds


def frame_group(position, index, source):
    """One frame's functional groups: its position, its dimension index, and the image (item) it was derived from."""
    fg = Dataset()
    pp = Dataset(); pp.ImagePositionPatient = [float(v) for v in position]
    fg.PlanePositionSequence = Sequence([pp])
    fc = Dataset(); fc.DimensionIndexValues = [index]
    fg.FrameContentSequence = Sequence([fc])
    der = Dataset()
    der.DerivationCodeSequence = Sequence([code("110001", "DCM", "Image Processing")])
    der.SourceImageSequence = Sequence([source])
    fg.DerivationImageSequence = Sequence([der])
    return fg


def source_item(d, numbers=()):
    """A Source Image item naming {@code d}, and the frames of it when numbers are given."""
    src = Dataset(); src.ReferencedSOPClassUID = d.SOPClassUID; src.ReferencedSOPInstanceUID = d.SOPInstanceUID
    if numbers:
        src.ReferencedFrameNumber = list(numbers) if len(numbers) > 1 else numbers[0]
    src.PurposeOfReferenceCodeSequence = Sequence([code("121322", "DCM", "Source image for image processing operation")])
    return src


def save(ds, frames, target, expected):
    """Writes the map and the values pydicom reads back from it (little-endian float32)."""
    ds.FloatPixelData = numpy.stack(frames).tobytes()
    ds.is_little_endian = True
    ds.is_implicit_VR = False
    ds.save_as(target, write_like_original=False)
    again = pydicom.dcmread(target)
    open(expected, "wb").write(again.pixel_array.astype("<f4").tobytes())
