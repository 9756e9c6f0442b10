# SPDX-License-Identifier: Apache-2.0
# Writes a Parametric Map (Float32, one frame per slice at half the resolution) over a real CT series, as an
# AI tool writes a probability map, and the values pydicom reads back from it (little-endian float32).
import sys, glob, os, numpy, pydicom
from pydicom.dataset import Dataset
from pydicom.sequence import Sequence
from float_map import new_map, frame_group, source_item, save
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
ds = new_map(first, series_number=900, description="Lesion probability", label="PROBABILITY",
             content_description="Lesion probability map", kind="PROBABILITY", rows=rows, cols=cols, frames=len(frames),
             spacing=sp, thickness=first.SliceThickness, orientation=iop, last_value=1.0,
             unit=("{probability}", "UCUM", "probability"), lut_explanation="probability", lut_label="PROB")
ds.FrameOfReferenceUID = first.FrameOfReferenceUID
ds.PositionReferenceIndicator = getattr(first, "PositionReferenceIndicator", "")
per = [frame_group(o, n + 1, source_item(d)) for n, (d, o) in enumerate(zip(cts, positions))]
ds.PerFrameFunctionalGroupsSequence = Sequence(per)
ref = Dataset(); ref.SeriesInstanceUID = first.SeriesInstanceUID
ref.ReferencedInstanceSequence = Sequence([Dataset() for _ in cts])
for item, d in zip(ref.ReferencedInstanceSequence, cts):
    item.ReferencedSOPClassUID = d.SOPClassUID; item.ReferencedSOPInstanceUID = d.SOPInstanceUID
ds.ReferencedSeriesSequence = Sequence([ref])
save(ds, frames, target, expected)
