#!/usr/bin/env python3
"""Independent reference for ColQwen2.5 page preprocessing: the golden arrays the C# tests compare against.

Implements the documented algorithm of transformers' Qwen2-VL image processor as colpali_engine drives it, with
nothing but Pillow and NumPy (Debian's python3-pil, python3-numpy):

1. ``Image.open(..).convert("RGB")`` (colpali converts before the processor: alpha is dropped, not composited);
2. smart_resize(height, width, factor 28, min_pixels, max_pixels);
3. ``Image.resize((w, h), Image.BICUBIC)`` on the 8-bit image (the slow processor resizes through PIL);
4. ``x * (1/255)`` in float64, cast to float32, then ``(x - mean) / std`` in float32;
5. duplicate in time (temporal patch 2), reshape to
   (t, 2, 3, gh/2, 2, 14, gw/2, 2, 14), transpose to (t, gh/2, gw/2, 2, 2, 3, 2, 14, 14), flatten to [N, 1176].

Usage: reference_preprocess.py IMAGES_DIR GOLDEN_DIR
Writes, per case, NAME.f32.gz (gzip of little-endian float32 [N, 1176]) and one manifest.json.
"""
import gzip
import json
import math
import sys
from pathlib import Path

import numpy as np
from PIL import Image

PATCH = 14
MERGE = 2
TEMPORAL = 2
FACTOR = PATCH * MERGE
MEAN = np.array([0.48145466, 0.4578275, 0.40821073], dtype=np.float32)
STD = np.array([0.26862954, 0.26130258, 0.27577711], dtype=np.float32)
DEFAULT_MIN_PIXELS = 4 * 28 * 28
DEFAULT_MAX_PIXELS = 768 * 28 * 28

# (image file, min_pixels, max_pixels): every branch of smart_resize, every decoder, alpha and grayscale.
CASES = [
    ("upscale-30x40.png", DEFAULT_MIN_PIXELS, DEFAULT_MAX_PIXELS),  # area below min_pixels: scaled up
    ("photo-120x90.png", DEFAULT_MIN_PIXELS, DEFAULT_MAX_PIXELS),  # rounding only: mild downscale
    ("photo-120x90.jpg", DEFAULT_MIN_PIXELS, DEFAULT_MAX_PIXELS),  # JPEG decoder
    ("photo-120x90.webp", DEFAULT_MIN_PIXELS, DEFAULT_MAX_PIXELS),  # WebP decoder
    ("a4-page-248x351.png", DEFAULT_MIN_PIXELS, 24 * 28 * 28),  # area above max_pixels: strong downscale
    ("grayscale-70x50.png", DEFAULT_MIN_PIXELS, DEFAULT_MAX_PIXELS),  # 70/28 = 2.5 rounds half to even
    ("translucent-60x60.png", DEFAULT_MIN_PIXELS, DEFAULT_MAX_PIXELS),  # alpha dropped
]


def smart_resize(height, width, min_pixels, max_pixels, factor=FACTOR):
    if height < factor or width < factor:
        raise ValueError(f"height {height} and width {width} must be at least {factor}")
    if max(height, width) / min(height, width) > 200:
        raise ValueError("aspect ratio above 200")
    h_bar = round(height / factor) * factor  # Python's round: half to even
    w_bar = round(width / factor) * factor
    if h_bar * w_bar > max_pixels:
        beta = math.sqrt((height * width) / max_pixels)
        h_bar = max(factor, math.floor(height / beta / factor) * factor)
        w_bar = max(factor, math.floor(width / beta / factor) * factor)
    elif h_bar * w_bar < min_pixels:
        beta = math.sqrt(min_pixels / (height * width))
        h_bar = math.ceil(height * beta / factor) * factor
        w_bar = math.ceil(width * beta / factor) * factor
    return h_bar, w_bar


def preprocess(path, min_pixels=DEFAULT_MIN_PIXELS, max_pixels=DEFAULT_MAX_PIXELS):
    """Returns (pixel_values [N, 1176] float32, (t, gh, gw), (resized_height, resized_width))."""
    image = Image.open(path).convert("RGB")
    width, height = image.size
    resized_height, resized_width = smart_resize(height, width, min_pixels, max_pixels)
    image = image.resize((resized_width, resized_height), resample=Image.BICUBIC)
    pixels = (np.asarray(image).astype(np.float64) * (1 / 255)).astype(np.float32)
    pixels = (pixels - MEAN) / STD
    pixels = pixels.transpose(2, 0, 1)[np.newaxis]  # (1, C, H, W)
    frames = np.concatenate([pixels] * TEMPORAL, axis=0)  # a still image repeated in time
    grid_t, grid_h, grid_w = frames.shape[0] // TEMPORAL, resized_height // PATCH, resized_width // PATCH
    patches = frames.reshape(
        grid_t, TEMPORAL, 3, grid_h // MERGE, MERGE, PATCH, grid_w // MERGE, MERGE, PATCH
    ).transpose(0, 3, 6, 4, 7, 2, 1, 5, 8)
    flat = patches.reshape(grid_t * grid_h * grid_w, 3 * TEMPORAL * PATCH * PATCH)
    return np.ascontiguousarray(flat, dtype="<f4"), (grid_t, grid_h, grid_w), (resized_height, resized_width)


def main(images_dir: Path, golden_dir: Path):
    golden_dir.mkdir(parents=True, exist_ok=True)
    manifest = []
    for file_name, min_pixels, max_pixels in CASES:
        values, grid, resized = preprocess(images_dir / file_name, min_pixels, max_pixels)
        data_name = file_name.replace(".", "_") + ".f32.gz"
        with gzip.GzipFile(golden_dir / data_name, "wb", mtime=0) as out:
            out.write(values.tobytes())
        manifest.append({
            "image": file_name,
            "minPixels": min_pixels,
            "maxPixels": max_pixels,
            "resizedHeight": resized[0],
            "resizedWidth": resized[1],
            "gridThw": list(grid),
            "rows": values.shape[0],
            "columns": values.shape[1],
            "pixelValues": data_name,
        })
    (golden_dir / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
