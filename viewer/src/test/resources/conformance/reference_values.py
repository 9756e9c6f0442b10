# SPDX-License-Identifier: Apache-2.0
"""Reference values for Lumen's conformance test, with Debian's pydicom (2.3) and numpy.

Reads lines "OUTPUT<TAB>INPUT" on stdin: INPUT is a file a reference decoder (GDCM, DCMTK) wrote
uncompressed, or an uncompressed original that pydicom reads itself. Writes OUTPUT as raw little-endian values of every frame: float64 modality values
(pydicom's apply_modality_lut) for greyscale, 8-bit RGB triplets for colour (YBR converted,
palettes applied, wider samples scaled to 8 bits). Prints one line per input: "ok KIND FRAMES" or
"error MESSAGE".
"""
import sys

import numpy
import pydicom
from pydicom.pixel_data_handlers.util import apply_color_lut, apply_modality_lut, convert_color_space


def values(path):
    ds = pydicom.dcmread(path, force=True)
    try:
        frames = int(getattr(ds, "NumberOfFrames", 1) or 1)
    except (TypeError, ValueError):
        ds.NumberOfFrames = frames = 1  # malformed (e.g. "1A"): one frame, as Lumen and DCMTK read it
    pixels = ds.pixel_array
    photometric = str(ds.PhotometricInterpretation).strip()
    if photometric.startswith("MONOCHROME"):
        pixels = pixels.reshape(frames, -1)
        data = numpy.stack([frame_rescale(ds, f, pixels[f]) for f in range(frames)])
        return "grey", frames, data
    if photometric == "PALETTE COLOR":
        rgb = apply_color_lut(pixels, ds)
        bits = 16 if rgb.dtype.itemsize > 1 else 8
    else:
        rgb = pixels
        if photometric.startswith("YBR_FULL") or photometric.startswith("YBR_PARTIAL"):
            rgb = convert_color_space(rgb, photometric if photometric != "YBR_FULL_422" else "YBR_FULL", "RGB")
        bits = int(ds.BitsStored)
    rgb = numpy.asarray(rgb).astype(numpy.uint64) >> (bits - 8)
    return "colour", frames, rgb.astype(numpy.uint8).reshape(frames, -1)


def frame_rescale(ds, frame, pixels):
    """pydicom 2.3 applies the top-level Modality LUT only; enhanced objects rescale in functional groups."""
    if "RescaleSlope" in ds or "ModalityLUTSequence" in ds:
        return apply_modality_lut(pixels, ds).astype("<f8")
    for groups in (ds.get("PerFrameFunctionalGroupsSequence"), ds.get("SharedFunctionalGroupsSequence")):
        if not groups:
            continue
        group = groups[frame] if len(groups) > 1 else groups[0]
        transform = group.get("PixelValueTransformationSequence")
        if transform and "RescaleSlope" in transform[0]:
            item = transform[0]
            return pixels.astype("<f8") * float(item.RescaleSlope) + float(item.get("RescaleIntercept", 0))
    return pixels.astype("<f8")


for line in sys.stdin:
    target, source = line.rstrip("\n").split("\t")
    try:
        kind, frames, data = values(source)
        with open(target, "wb") as out:
            out.write(numpy.ascontiguousarray(data).tobytes())
        print("ok", kind, frames, flush=True)
    except Exception as e:  # noqa: BLE001 - every failure is reported, the run goes on
        print("error", type(e).__name__, str(e).replace("\n", " "), flush=True)
