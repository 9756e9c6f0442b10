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
from pydicom.dataset import Dataset
from pydicom.sequence import Sequence
from pydicom.uid import generate_uid
from float_map import new_map, frame_group, source_item, save
image_path, other_path, target, expected, references, variant = sys.argv[1:7]
image = pydicom.dcmread(image_path)
other = pydicom.dcmread(other_path)
n = int(image.NumberOfFrames)
rows, cols = int(image.Rows), int(image.Columns)
per_image = image.PerFrameFunctionalGroupsSequence
measures = per_image[0].PixelMeasuresSequence[0]
orientation = [float(v) for v in per_image[0].PlaneOrientationSequence[0].ImageOrientationPatient]

ds = new_map(image, series_number=901, description="Activation map", label="ACTIVATION",
             content_description="Activation map per frame", kind="ACTIVATION", rows=rows, cols=cols, frames=n,
             spacing=measures.PixelSpacing, thickness=measures.SliceThickness, orientation=orientation, last_value=1000.0,
             unit=("1", "UCUM", "no units"), lut_explanation="activation", lut_label="ACT")
# Its own frame of reference: the map is placed through its references, not its positions.
ds.FrameOfReferenceUID = generate_uid()
ds.PositionReferenceIndicator = ""

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
    fg = frame_group(per_image[f - 1].PlanePositionSequence[0].ImagePositionPatient, m + 1, source_item(d, numbers))
    per.append(fg)
    lines.append("%d %s %s" % (m, d.SOPInstanceUID, ",".join(str(v) for v in numbers)))
ds.PerFrameFunctionalGroupsSequence = Sequence(per)
ref = Dataset(); ref.SeriesInstanceUID = image.SeriesInstanceUID
item = Dataset(); item.ReferencedSOPClassUID = image.SOPClassUID; item.ReferencedSOPInstanceUID = image.SOPInstanceUID
ref.ReferencedInstanceSequence = Sequence([item])
ds.ReferencedSeriesSequence = Sequence([ref])
save(ds, frames, target, expected)
open(references, "w").write("\n".join(lines) + "\n")
