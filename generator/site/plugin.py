"""Thin MkDocs adapter: the ``sop`` plugin runs the same pipeline as the CLI.

Definitions are loaded, validated and rendered in ``on_config`` — before MkDocs cleans the
site directory, so a definition error stops the build with nothing overwritten — and the
generated pages, PDFs and assets enter the build as virtual files in ``on_files``; nothing
generated is written under ``docs/``. ``mkdocs serve`` also watches the definitions.

Under ``mkdocs serve --dirty`` (and ``sop serve``) the plugin object lives across rebuilds
(it defines ``on_startup``) and remembers a digest of every generated file: a file whose
content is unchanged reports itself unmodified, so MkDocs re-renders only the pages that
depend on the edited definition. Everything is rebuilt when the set of pages or a page title
changes (the navigation of every page would change).
"""

from __future__ import annotations

import hashlib
import logging
import posixpath
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from jinja2 import Environment
from markupsafe import escape
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from generator.build import Session
from generator.errors import SopError
from generator.project import Project
from generator.site.pages import SitePage, display_pemda, display_unit, site_pages
from generator.site.publish import check_site_folder, mark, protected_folders
from generator.site.search import SearchEntry, rewrite_index
from generator.site.verification import read_published, read_signed_copies, verification_pages

__all__ = ["SopPlugin", "SopPluginConfig"]

log = logging.getLogger("mkdocs.plugins.sop")


class SopPluginConfig(base.Config):
    """Options of the ``sop`` plugin in ``mkdocs.yml``."""

    enabled = c.Type(bool, default=True)
    """Turn the plugin off without removing it."""
    definitions = c.Type(str, default="sop_definitions")
    """Folder of the YAML definitions, relative to ``mkdocs.yml``."""
    pdf = c.Type(bool, default=True)
    """Render one PDF per SOP (WeasyPrint) and link it from its page."""
    book = c.Type(bool, default=True)
    """Render the bound SOP book of every kecamatan and link it from the kecamatan page."""
    history = c.Type(int, default=5)
    """Per SOP, how many earlier git versions get a diff page (0: none)."""
    keep_going = c.Type(bool, default=False)
    """Build the site from the valid SOPs and only log the broken ones (``sop build --keep-going``)."""
    ditandatangani = c.Type(str, default="ditandatangani")
    """Folder of signed SOP PDFs (``sop tandatangani``), relative to ``mkdocs.yml``: published beside
    the unsigned ones and listed on the verification pages (a missing folder: none)."""


_TITLE = re.compile(r"^title: (.*)$", re.M)
_NOT_TEXT = re.compile(r"<(svg|style|script)\b.*?</\1>", re.S)
"""A drawing, style sheet or script in a generated block (ours or Graphviz's; never nested)."""
_HEADING = re.compile(r"<h[1-6]\b")
_TAG = re.compile(r"<[^>]+>")
_CELL_EDGE = re.compile(r"(</t[hd]>|</tr>|<br>)(?=<)")
"""Where two table cells (or lines) meet without a space: the search index would run their
words together ("InstansiPEMERINTAH")."""
SOP_PAGE_BOOST = 2.0
"""How much an SOP page outranks other pages in search (the YAML reference has 0.1)."""


def _searchable(block: str) -> str:
    """The text of a generated block for the search index: no drawings, and no tags unless it has headings.

    The search plugin's HTML parser costs time per tag; a sheet's tables are many small cells
    whose words are all that search needs. A block with headings keeps its markup, so its
    sections still get their own entries.
    """
    text = _NOT_TEXT.sub("", block)
    return text if _HEADING.search(text) else " ".join(_TAG.sub(" ", text).split())


class GeneratedFile(File):
    """A generated page or file that tells MkDocs whether it changed since the previous build.

    MkDocs' own ``File.is_modified`` is always true for in-memory content; with ``--dirty``
    MkDocs skips the pages for which it is false.
    """

    changed: bool = True

    def is_modified(self) -> bool:
        """Whether the content differs from the previous build of this ``serve`` session."""
        return self.changed


def _digest(page: SitePage) -> str:
    digest = hashlib.sha256(page.content if isinstance(page.content, bytes) else page.content.encode())
    for placeholder, block in page.blocks:
        digest.update(placeholder.encode())
        digest.update(block.encode())
    return digest.hexdigest()


def _navigation_key(pages: list[SitePage]) -> tuple[tuple[str, str], ...]:
    """Every generated page of the navigation with its title: when this changes, every page's navigation does.

    Pages outside the navigation (a version's verification page, whose path is its code and
    changes with every edit; the "what changed" pages) change no other page.
    """
    return tuple((page.path, match.group(1) if isinstance(page.content, str) and
                  (match := _TITLE.search(page.content, 0, 400)) else "") for page in pages
                 if page.path.endswith(".md") and page.in_nav)


class SopPlugin(BasePlugin[SopPluginConfig]):
    """Generate the SOP pages, indexes, PDFs and the YAML reference from the definitions."""

    def __init__(self) -> None:
        self.session: Session | None = None
        """What this plugin rendered, kept across ``serve`` rebuilds while the project stays the same."""
        self.handed: Session | None = None
        """The session ``sop build`` handed in, used for the next build only."""
        self.replaces: Path | None = None
        """The site folder ``sop build`` will replace (next build only); else the configured one."""
        self.pages: list[SitePage] = []
        self.titles: dict[str, str] = {}
        self.blocks: dict[str, tuple[tuple[str, str], ...]] = {}
        self.dirty = False
        self.site_dir = ""
        self.digests: dict[str, str] = {}
        self.navigation: tuple[tuple[str, str], ...] = ()
        self.pending: tuple[dict[str, str], tuple[tuple[str, str], ...]] = ({}, ())
        self.whole_blocks: dict[str, dict[str, str]] = {}
        self.search: dict[str, SearchEntry] = {}
        """The search entry of every SOP page, by its URL (:mod:`generator.site.search`)."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Keep this object across the rebuilds of ``mkdocs serve`` (MkDocs ≥ 1.4); note ``--dirty``."""
        self.dirty = dirty and command == "serve"

    def on_shutdown(self) -> None:
        """Forget the previous build (MkDocs keeps this object for the rest of the process)."""
        self.dirty = False
        self.digests = {}
        self.navigation = ()

    def use_session(self, session: Session, replaces: Path | None = None) -> None:
        """Render the next build through *session* (``sop build`` hands in the one it rendered with).

        Its project's settings (``keep_going`` included) then apply instead of this plugin's.
        *replaces* is the site folder the build will replace (``sop build`` builds in a staging
        folder beside it): the earlier digests of the verification list are read from there.
        """
        self.handed = session
        self.replaces = replaces

    def _session(self, config: MkDocsConfig) -> Session:
        """The handed-in session, else this plugin's own for the project of *config*.

        MkDocs keeps a plugin object for the whole process (``serve`` reloads the configuration
        on each rebuild): a new project, or new settings, get a new session.
        """
        if self.handed is not None:
            return self.handed
        project = Project.at(Path(config.config_file_path).parent, self.config.definitions,
                             keep_going=self.config.keep_going, site_url=config.site_url)
        if self.session is None or self.session.project != project:
            self.session = Session(project)
        return self.session

    @event_priority(-10)  # after plugins that change the configuration (offline turns directory URLs off)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Load, validate and render everything; a bad definition raises :class:`PluginError`."""
        if not self.config.enabled:
            return config
        session = self._session(config)
        try:
            check_site_folder(Path(config.site_dir), session.project.root,
                              protected_folders(session.project.definitions, Path(config.docs_dir)))
            built = session.build(pdf=self.config.pdf, book=self.config.book, history=self.config.history,
                                  progress=lambda i, n, p: log.info("SOP %d/%d: %s", i, n, p.key))
        except SopError as exc:
            raise PluginError(exc.format_message()) from exc
        for problem in built.catalog.problems:  # only when keeping going: the broken files left out
            log.warning("%s", problem)
        if not session.project.site_url:
            log.warning("site_url tidak diisi di mkdocs.yml: lembar SOP dicetak tanpa kode QR verifikasi "
                        "(isi site_url, mis. lewat SOP_SITE_URL=https://…)")
        try:
            signed = read_signed_copies(Path(config.config_file_path).parent / self.config.ditandatangani)
            self.pages = site_pages(built.sops, built.books, session=session, history=built.history,
                                    use_directory_urls=config.use_directory_urls)
            published = read_published(self.replaces or Path(config.site_dir))  # read before MkDocs cleans it
            self.pages += verification_pages(built.sops, built.history, signed, site_url=session.project.site_url,
                                             published=published, use_directory_urls=config.use_directory_urls)
        except SopError as exc:
            raise PluginError(exc.format_message()) from exc
        self.titles = {}
        for item in built.sops:
            unit = item.sop.instansi
            self.titles[item.sop.pemda_slug] = display_pemda(unit)
            self.titles[f"{item.sop.pemda_slug}/{item.sop.kecamatan_slug}"] = display_unit(unit)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Add the generated pages, PDFs and assets as virtual files."""
        if not self.config.enabled:
            return files
        self.blocks = {}
        self.search = {}
        if config.site_dir != self.site_dir:  # what was written elsewhere says nothing about here
            self.site_dir, self.digests, self.navigation = config.site_dir, {}, ()
        navigation = _navigation_key(self.pages)
        same_navigation = self.dirty and navigation == self.navigation
        changed_urls = []
        digests = {}
        for page in self.pages:
            file = GeneratedFile.generated(config, page.path, content=page.content)
            assert isinstance(file, GeneratedFile)
            digests[page.path] = _digest(page)
            file.changed = not (same_navigation and self.digests.get(page.path) == digests[page.path])
            if file.changed and file.is_documentation_page():
                changed_urls.append(file.url)
            files.append(file)
            if page.blocks:
                self.blocks[page.path] = page.blocks
            if page.search is not None:
                self.search[file.url] = page.search
            if not page.in_nav:
                file.inclusion = InclusionLevel.NOT_IN_NAV
        self.pending = (digests, navigation)  # what the site will hold once this build succeeds
        if self.dirty:
            _forget_search_entries(config, set(changed_urls))
        return files

    @event_priority(-50)  # after Material's search wrote its index, before its offline plugin copies it
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Make the search index Indonesian, remember these pages, mark the site folder as ours.

        The site now holds these pages: the next dirty build compares with them.
        """
        if self.config.enabled:
            rewrite_index(Path(config.site_dir) / "search" / "search_index.json", self.search, SOP_PAGE_BOOST)
        self.digests, self.navigation = self.pending
        self.handed, self.replaces = None, None
        if self.config.enabled:
            mark(Path(config.site_dir))

    def on_build_error(self, *, error: Exception) -> None:
        """A failed build may have left pages half-written: the next build writes everything."""
        self.digests, self.navigation, self.handed, self.replaces = {}, (), None, None

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        """Read the source of pages a dirty build skipped, so the navigation shows their titles."""
        if self.dirty:
            for file in files.documentation_pages():
                if file.page is not None and file.page.markdown is None:
                    file.page.read_source(config)
        return env

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Put the searchable text of the generated sheets, diagrams and tables in place of their placeholders.

        The search plugin then indexes that text (:func:`_searchable`: a sheet's drawings and
        table cells would cost it most of its time, and add Graphviz node names to the index);
        an SOP page's blocks give it no text at all, since its search entry is replaced by a
        summary and its words (:func:`generator.site.search.rewrite_index`). Table cells get a
        line break between them, so their words never run together in the index.
        :meth:`on_post_page` puts the whole blocks in the finished page.
        """
        blocks: dict[str, str] = {}
        summarised = page.file.url in self.search  # its search entry replaces what the page shows
        for number, (placeholder, block) in enumerate(self.blocks.get(page.file.src_uri, ())):
            marker = f"<!--sop-blok-{number}-->"
            html = html.replace(placeholder, f"{marker}{'' if summarised else _searchable(block)}{marker}", 1)
            blocks[marker] = block
        self.whole_blocks[page.file.src_uri] = blocks
        return _CELL_EDGE.sub(r"\1\n", html)

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """Replace each block's searchable text by the whole block (drawings included)."""
        for marker, block in self.whole_blocks.pop(page.file.src_uri, {}).items():
            start = output.find(marker)
            end = output.find(marker, start + len(marker))
            if start >= 0 and end >= 0:
                output = f"{output[:start]}{block}{output[end + len(marker):]}"
        return output

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        """Title pemda and kecamatan sections with their names instead of folder slugs."""
        if self.config.enabled:
            self._retitle(nav.items)
        return nav

    def _retitle(self, items: list[Any]) -> None:
        for item in items:
            if isinstance(item, Section):
                folder = self._folder_of(item)
                if folder in self.titles:
                    item.title = str(escape(self.titles[folder]))  # themes print nav titles as HTML
                self._retitle(item.children)

    def _folder_of(self, section: Section) -> str | None:
        for child in section.children:
            file = getattr(child, "file", None)
            if file is not None and file.src_uri.endswith("index.md"):
                return posixpath.dirname(file.src_uri)
            if isinstance(child, Section):
                inner = self._folder_of(child)
                if inner:
                    return posixpath.dirname(inner)
        return None

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig,
                 builder: Callable[..., Any]) -> LiveReloadServer:
        """Rebuild when a definition changes under ``mkdocs serve``."""
        if self.config.enabled:
            server.watch(str(self._session(config).project.definitions))
        return server


def _forget_search_entries(config: MkDocsConfig, urls: set[str]) -> None:
    """Drop the pages about to be rebuilt from the search index kept by a dirty ``serve``.

    Material's search plugin keeps the previous index under ``--dirty`` and only replaces the
    entries of the first rebuilt page; the other rebuilt pages would be listed twice.
    """
    search = config.plugins.get("material/search") or config.plugins.get("search")
    previous = getattr(search, "search_index_prev", None)
    entries = getattr(previous, "entries", None)
    if previous is not None and isinstance(entries, list):
        previous.entries = [entry for entry in entries if entry.get("location", "").split("#")[0] not in urls]
