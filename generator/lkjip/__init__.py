"""LKjIP computations, pure: capaian kinerja, the IKM of a survey, Bab III rows, survey files.

Offers :func:`capaian` and :func:`rate` (capaian kinerja and its rating band), :func:`compute_ikm`,
:func:`mutu_of` and :func:`krejcie_morgan` (PermenPANRB 14/2017), :func:`read_survey` (CSV/XLSX
questionnaires, every problem located), and :func:`bab_iii_rows` / :func:`years_of` (the Bab III
"Target dan Realisasi Kinerja" table of a kecamatan). The values they work on (``Target``,
``Band``, ``IkmResult``, ``Mutu``) are model types (:mod:`generator.model`), so that an
``Indikator`` can hold them. Imports only the shared leaves: validation (stage 2) computes the IKM
of a survey file when it loads it. The report (HTML, XLSX, chart) is :mod:`generator.render.lkjip`.
"""

from generator.lkjip.bab3 import BabIIIRow, bab_iii_rows, years_of
from generator.lkjip.capaian import capaian, format_persen, rate
from generator.lkjip.ikm import MUTU, UNSUR, compute_ikm, krejcie_morgan, mutu_of
from generator.lkjip.survey import UNSUR_COLUMNS, read_survey

__all__ = ["MUTU", "UNSUR", "UNSUR_COLUMNS", "BabIIIRow", "bab_iii_rows", "capaian", "compute_ikm", "format_persen",
           "krejcie_morgan", "mutu_of", "rate", "read_survey", "years_of"]
