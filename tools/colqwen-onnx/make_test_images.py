#!/usr/bin/env python3
"""Draws the small test images the preprocessing and model parity tests read.

Deterministic (fixed seed), so rerunning it reproduces the committed files byte for byte with the same Pillow.
Needs Debian's python3-numpy and python3-pil. Usage: make_test_images.py OUTPUT_DIR
"""
import sys
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

rng = np.random.default_rng(20240607)


def textured(width, height, channels=3):
    """Gradients plus noise plus hard edges: exercises every tap of the bicubic kernel and the clipping."""
    y, x = np.mgrid[0:height, 0:width]
    base = np.stack(
        [255 * x / max(width - 1, 1), 255 * y / max(height - 1, 1), 128 + 127 * np.sin((x + y) / 5.0)][:channels],
        axis=-1,
    )
    noise = rng.normal(0, 24, size=(height, width, channels))
    pixels = np.clip(base + noise, 0, 255).astype(np.uint8)
    image = Image.fromarray(pixels if channels > 1 else pixels[..., 0])
    draw = ImageDraw.Draw(image)
    fill = 0 if channels == 1 else (0, 0, 0)
    draw.rectangle([width // 4, height // 4, width // 2, height // 2], outline=fill, width=2)
    draw.line([0, height - 1, width - 1, 0], fill=255 if channels == 1 else (255, 255, 255), width=1)
    return image


def page(width, height):
    """A white A4-proportioned page with dark text-like bars, like a rendered document."""
    image = Image.new("RGB", (width, height), (255, 255, 255))
    draw = ImageDraw.Draw(image)
    for row, top in enumerate(range(height // 10, height - height // 10, 9)):
        length = int(width * (0.55 + 0.35 * ((row * 37) % 11) / 10))
        draw.rectangle([width // 10, top, min(length, width - width // 10), top + 4], fill=(20, 20, 30))
    draw.rectangle([width // 2, height // 8, width - width // 8, height // 4], fill=(200, 40, 40))
    return image


def main(out: Path):
    out.mkdir(parents=True, exist_ok=True)
    textured(30, 40).save(out / "upscale-30x40.png")
    photo = textured(120, 90)
    photo.save(out / "photo-120x90.png")
    photo.save(out / "photo-120x90.jpg", quality=90)
    photo.save(out / "photo-120x90.webp", lossless=True)
    page(248, 351).save(out / "a4-page-248x351.png")
    textured(70, 50, channels=1).save(out / "grayscale-70x50.png")
    rgba = textured(60, 60).convert("RGBA")
    alpha = Image.fromarray(np.tile(np.linspace(0, 255, 60, dtype=np.uint8), (60, 1)))
    rgba.putalpha(alpha)
    rgba.save(out / "translucent-60x60.png")
    # Two more pages with the grid of upscale-30x40.png (56x84 after resizing), so a batch shares one grid.
    textured(56, 84).save(out / "page-56x84.png")
    textured(50, 80).save(out / "page-50x80.png")
    # Not an image at all, and an image too small to resize.
    (out / "not-an-image.png").write_bytes(b"%PDF-1.7 this is not a picture")
    textured(20, 100).save(out / "too-narrow-20x100.png")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
