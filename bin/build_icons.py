"""Draw the site's raster icons from the emblem (static/img/emblem.svg), with Pillow:

- portal/root_files/favicon.ico (16, 32 and 48 px): browsers ask for /favicon.ico on their
  first visit whatever the page links, and WhiteNoise serves it from the site root;
- static/img/apple-touch-icon.png (180 px, on a white square): the icon of a page saved to a
  phone's home screen.

The outputs are committed; run this again after changing the emblem:
    .venv/bin/python bin/build_icons.py
The shapes below are the emblem's own (a 48-unit box): keep the two in step.
"""

from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parents[1]
RED = "#c8102e"
GOLD = "#ffcd00"
# The star's outline, from the emblem's path (M24 9.5 l3.6 11 h11.6 l-9.4 6.8 …).
STAR_STEPS = [
    (3.6, 11),
    (11.6, 0),
    (-9.4, 6.8),
    (3.6, 11),
    (-9.4, -6.8),
    (-9.4, 6.8),
    (3.6, -11),
    (-9.4, -6.8),
]


def star_points():
    x, y = 24.0, 9.5
    points = [(x, y)]
    for dx, dy in STAR_STEPS:
        x, y = x + dx, y + dy
        points.append((x, y))
    return points


def emblem(size, background=None, margin=0.0):
    """The emblem at ``size`` px, drawn 8 times larger and reduced (smooth edges)."""
    scale = 8
    big = size * scale
    image = Image.new("RGBA", (big, big), background or (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    unit = big * (1 - 2 * margin) / 48
    offset = big * margin

    def at(x, y):
        return (offset + x * unit, offset + y * unit)

    def circle(r):
        (x0, y0), (x1, y1) = at(24 - r, 24 - r), at(24 + r, 24 + r)
        return [x0, y0, x1, y1]

    draw.ellipse(circle(23), fill=RED)
    draw.ellipse(circle(20), outline=GOLD, width=round(2 * unit))
    draw.polygon([at(x, y) for x, y in star_points()], fill=GOLD)
    return image.resize((size, size), Image.Resampling.LANCZOS)


def main():
    favicon = ROOT / "portal" / "root_files" / "favicon.ico"
    favicon.parent.mkdir(parents=True, exist_ok=True)
    emblem(48).save(favicon, sizes=[(16, 16), (32, 32), (48, 48)])
    touch = ROOT / "static" / "img" / "apple-touch-icon.png"
    emblem(180, background="white", margin=0.08).convert("RGB").quantize(64).save(
        touch, optimize=True
    )
    for path in (favicon, touch):
        print(f"{path.relative_to(ROOT)}: {path.stat().st_size} bytes")


if __name__ == "__main__":
    main()
