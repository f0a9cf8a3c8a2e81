"""Stage 7, ``sop lint``: the writing rules of PermenPANRB 35/2012, checked before signing.

Offers :func:`lint` (valid SOPs → :class:`Temuan` warnings, each located at ``path:line:col``,
with its rule and where the rule comes from) and :data:`RULES`. Nothing here fails a build:
a finding is advice for the Kasubbag Program before the SOP goes to the Camat. It runs after
the site stage because it resolves Keterkaitan the way the handbook links them
(:func:`generator.site.relations.resolve_keterkaitan`) and stems words as the search does.
"""

from generator.lint.rules import RULES, Temuan, lint

__all__ = ["RULES", "Temuan", "lint"]
