"""Stage 6, the handbook site: the MkDocs plugin ``sop`` and the pages it adds.

Offers :class:`SopPlugin` (a thin MkDocs adapter over the build), :func:`site_pages` (the
generated pages as :class:`SitePage` values: per SOP, per kecamatan, per pemda, the indexes
and the YAML reference), the SOP relations (Keterkaitan resolved, families, the relations
map) and the safe publishing of a site folder (:func:`publish_site`, :func:`check_site_folder`).
Inside, one way: ``relations``, ``search`` and ``fonts`` → ``pages`` → ``plugin``; ``publish`` stands alone (it never
imports MkDocs) and the CLI uses it around ``mkdocs build``.
"""

from generator.site.pages import SitePage, display_pemda, display_unit, page_url, site_pages
from generator.site.plugin import SopPlugin, SopPluginConfig
from generator.site.publish import (
    MARKER,
    SiteFolderRefused,
    check_site_folder,
    mark,
    protected_folders,
    publish_site,
)
from generator.site.relations import family, normalise_name, relations_dot, resolve_keterkaitan

__all__ = [
    "MARKER", "SiteFolderRefused", "SitePage", "SopPlugin", "SopPluginConfig", "check_site_folder",
    "display_pemda", "display_unit", "family", "mark", "normalise_name", "page_url", "protected_folders",
    "publish_site", "relations_dot", "resolve_keterkaitan", "site_pages",
]
