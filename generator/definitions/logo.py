"""Checks of a logo file before it is printed on every sheet and copied to the public site.

A PNG or JPEG must decode completely (not garbage, not truncated, at most
:data:`MAX_PIXELS` pixels: a small file can claim a huge canvas). An SVG is a document that a
browser runs: it may hold no script, no event-handler attribute, no ``foreignObject`` or other
embedded document, no external reference and no DTD (entity expansion); such a logo is refused
with what was found, never silently rewritten.
"""

from __future__ import annotations

import re
import warnings
import xml.etree.ElementTree as ET
from pathlib import Path

__all__ = ["MAX_BYTES", "MAX_PIXELS", "logo_problem"]

MAX_BYTES = 2 * 1024 * 1024
"""Largest logo file accepted (2 MiB; a kecamatan lambang is usually under 200 KiB)."""
MAX_PIXELS = 25_000_000
"""Largest canvas accepted for PNG/JPEG (25 megapixels)."""

_FORBIDDEN_ELEMENTS = {"script", "foreignobject", "iframe", "object", "embed", "handler", "listener", "audio",
                       "video"}
_LINK_ATTRIBUTES = {"href", "src"}
_EXTERNAL_CSS = re.compile(r"@import|url\(\s*['\"]?(?!#)", re.IGNORECASE)


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1].lower()


def _svg_problem(data: bytes) -> str | None:
    head = data[:4096].lower()
    if b"<!doctype" in head or b"<!entity" in data.lower():
        return "SVG memuat DTD/ENTITY"
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        return f"SVG tidak dapat dibaca (baris {exc.position[0]})"
    if _local(root.tag) != "svg":
        return "berkas bukan gambar SVG"
    for element in root.iter():
        name = _local(element.tag)
        if name in _FORBIDDEN_ELEMENTS:
            return f"SVG memuat elemen <{name}>"
        for attribute, value in element.attrib.items():
            local = _local(attribute)
            if local.startswith("on"):
                return f"SVG memuat atribut peristiwa '{local}'"
            if local in _LINK_ATTRIBUTES and not value.strip().startswith("#"):
                return "SVG merujuk ke sumber luar (href)"
            if local == "style" and _EXTERNAL_CSS.search(value):
                return "SVG merujuk ke sumber luar (url() dalam style)"
        if name == "style" and _EXTERNAL_CSS.search(element.text or ""):
            return "SVG merujuk ke sumber luar (url() dalam style)"
    return None


def _bitmap_problem(path: Path) -> str | None:
    from PIL import ImageFile

    tolerant = ImageFile.LOAD_TRUNCATED_IMAGES  # some libraries turn it on process-wide
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        return _decode_problem(path)
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = tolerant


def _decode_problem(path: Path) -> str | None:
    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                if image.format not in {"PNG", "JPEG"}:
                    return f"berkas bukan PNG/JPEG (terbaca sebagai {image.format or 'format lain'})"
                width, height = image.size
                if width * height > MAX_PIXELS:
                    return (f"gambar terlalu besar ({width}×{height} piksel; "
                            f"paling banyak {MAX_PIXELS // 1_000_000} juta)")
                image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return f"gambar terlalu besar (lebih dari {MAX_PIXELS // 1_000_000} juta piksel)"
    except (OSError, ValueError, SyntaxError, Image.UnidentifiedImageError):
        return "gambar rusak atau terpotong, tidak dapat dibaca"
    return None


def logo_problem(path: Path) -> str | None:
    """Why the logo at *path* cannot be used (Bahasa Indonesia), or ``None`` when it is fine.

    Checks size (:data:`MAX_BYTES`), then decodes PNG/JPEG fully with Pillow or inspects an
    SVG's elements and attributes (see module docstring).
    """
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return f"berkas logo terlalu besar ({size // 1024} KiB; paling besar {MAX_BYTES // 1024} KiB)"
        if path.suffix.lower() == ".svg":
            return _svg_problem(path.read_bytes())
    except OSError:
        return "berkas logo tidak dapat dibaca"
    return _bitmap_problem(path)
