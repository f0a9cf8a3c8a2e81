"""The project a command works on, found once: its root folder and its settings.

A project is the folder holding ``sop_definitions/`` (and usually ``mkdocs.yml``). The CLI finds
it once per command (from ``mkdocs.yml`` or from the paths given), the MkDocs plugin from its
configuration; everything below receives it (:class:`generator.build.Session` holds one) and
no function walks up the folders again. The environment is read here and nowhere else:

* ``SOP_NO_CACHE=1`` turns the disk cache (``<root>/.cache/sop``) off;
* ``SOP_SAVE_DOCUMENTS=DIR`` also writes every print document WeasyPrint is given to *DIR*.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

__all__ = ["DEFINITIONS", "Project", "find_project_root", "read_site_url"]

DEFINITIONS = "sop_definitions"
"""The definitions folder of a project, relative to its root (the plugin's ``definitions`` option)."""


def find_project_root(path: Path) -> Path:
    """The folder holding ``sop_definitions/`` at or above *path* (else the working directory), absolute.

    >>> find_project_root(Path("/srv/buku/sop_definitions/kota/kec/a.yaml")).as_posix()
    '/srv/buku'
    """
    resolved = path.resolve()
    for parent in (resolved, *resolved.parents):
        if parent.name == DEFINITIONS:
            return parent.parent
    return Path.cwd().resolve()


def read_site_url(config_file: Path) -> str | None:
    """``site_url`` of the MkDocs configuration *config_file* (``!ENV`` tags resolved), or ``None``.

    ``None`` as well when there is no such file (a folder of definitions without a site).

    Raises:
        generator.errors.SopError: the file exists but is not valid YAML.
    """
    if not config_file.is_file():
        return None
    import yaml
    from yaml_env_tag import construct_env_tag  # MkDocs' own !ENV (pyyaml-env-tag), without importing MkDocs

    from generator.errors import SopError, display_path, os_reason, printable

    class Loader(yaml.SafeLoader):
        """Safe YAML with MkDocs' ``!ENV``; every other tag (``!relative``, ``!!python/name:``) reads as null."""

    Loader.add_constructor("!ENV", construct_env_tag)
    Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    try:
        with config_file.open(encoding="utf-8") as handle:
            data = yaml.load(handle, Loader=Loader)  # a SafeLoader
    except OSError as exc:
        raise SopError(f"{printable(display_path(config_file))}: {os_reason(exc)}") from exc
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise SopError(f"{printable(display_path(config_file))} tidak valid: bukan YAML yang sah") from exc
    url = data.get("site_url") if isinstance(data, dict) else None
    return str(url) if url else None


@dataclass(frozen=True)
class Project:
    """The project's root and the settings of one command (or one ``serve`` session).

    Attributes:
        root: the folder holding the definitions folder, as given (relative to the working
            directory, or absolute); the disk cache is under it.
        definitions: the definitions folder (``root / "sop_definitions"`` unless configured).
        use_cache: whether the content-hash disk cache is used (``SOP_NO_CACHE`` unset).
        save_documents: a folder receiving every print document (``SOP_SAVE_DOCUMENTS``), or ``None``.
        keep_going: build from the valid SOPs and report the broken ones (``--keep-going``).
        site_url: the handbook site's address (``site_url`` of ``mkdocs.yml``): sheets printed
            for it carry the verification QR code (issue 16 §2); ``None`` without one.
    """

    root: Path
    definitions: Path
    use_cache: bool = True
    save_documents: Path | None = None
    keep_going: bool = False
    site_url: str | None = None

    @classmethod
    def at(cls, base: Path, definitions: str = DEFINITIONS, *, keep_going: bool = False,
           environ: Mapping[str, str] | None = None, site_url: str | None = "") -> Project:
        """The project whose definitions folder is *definitions*, relative to *base*.

        *base* is the folder of ``mkdocs.yml`` (the plugin's ``definitions`` option is relative
        to it; an absolute option stands alone). The root is the folder holding the definitions
        folder. Settings come from *environ* (default :data:`os.environ`), read once, here.
        *site_url* is the site's address as MkDocs read it; by default (``""``) it is read from
        ``<base>/mkdocs.yml`` (:func:`read_site_url`).

        Raises:
            generator.errors.SopError: ``mkdocs.yml`` cannot be read.
        """
        env = os.environ if environ is None else environ
        saved = env.get("SOP_SAVE_DOCUMENTS")
        folder = base / definitions
        if site_url == "":
            site_url = read_site_url(base / "mkdocs.yml")
        return cls(root=folder.parent, definitions=folder, use_cache=not env.get("SOP_NO_CACHE"),
                   save_documents=Path(saved) if saved else None, keep_going=keep_going,
                   site_url=site_url or None)

    @classmethod
    def of(cls, paths: Sequence[Path], *, environ: Mapping[str, str] | None = None) -> Project:
        """The project of the definition files or folders *paths* (found from the first one).

        Outside any ``sop_definitions/`` folder the working directory is the root (absolute).
        """
        root = find_project_root(paths[0]) if paths else Path.cwd().resolve()
        return cls.at(root, environ=environ)

    @property
    def cache_dir(self) -> Path | None:
        """``<root>/.cache/sop`` (absolute), or ``None`` when the cache is off."""
        return self.root.resolve() / ".cache" / "sop" if self.use_cache else None
