"""The sheet's web font (issue 14 §6): WOFF2 subsets that keep the PDF's metrics."""

from __future__ import annotations

import io
from pathlib import Path

from fontTools.ttLib import TTFont

from generator.build import DiskCache
from generator.sheet import FONT_DIR
from generator.site.fonts import WEB_RANGES, web_font


def test_subsets_keep_every_advance_and_kerning_pair_of_the_pdf_font(tmp_path: Path) -> None:
    for ttf in sorted(FONT_DIR.glob("*.ttf")):
        data = web_font(ttf, DiskCache(tmp_path))
        assert data[:4] == b"wOF2" and len(data) < ttf.stat().st_size / 5
        web, full = TTFont(io.BytesIO(data)), TTFont(ttf)
        web_cmap, full_cmap = web.getBestCmap(), full.getBestCmap()
        kept = [u for low, high in WEB_RANGES for u in range(low, high + 1) if u in full_cmap]
        assert len(kept) > 500 and all(u in web_cmap for u in kept)
        for u in kept:  # the same advance width for every kept character, in font units
            assert web["hmtx"][web_cmap[u]][0] == full["hmtx"][full_cmap[u]][0], (ttf.name, hex(u))
        assert web["head"].unitsPerEm == full["head"].unitsPerEm
        assert {f.FeatureTag for f in web["GPOS"].table.FeatureList.FeatureRecord} == \
            {f.FeatureTag for f in full["GPOS"].table.FeatureList.FeatureRecord}
        assert web["hhea"].ascent == full["hhea"].ascent and web["hhea"].descent == full["hhea"].descent


def test_a_subset_is_kept_in_the_build_cache(tmp_path: Path) -> None:
    ttf = FONT_DIR / "LiberationSans-Regular.ttf"
    first = web_font(ttf, DiskCache(tmp_path))
    assert [p.suffix for p in sorted(tmp_path.iterdir())] == [".sum", ".woff2"]
    assert web_font(ttf, DiskCache(tmp_path)) == first
