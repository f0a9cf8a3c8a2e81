"""Stages 1–3, the definitions: YAML files become a validated :class:`generator.model.Sop`.

Offers :func:`load_catalog` (files and folders → a :class:`Catalog` of SOPs and located
problems, ``path:line:col``; a :class:`ValidationMemo` keeps a session's results),
:func:`read_yaml` (one file with every key's line:col),
:func:`read_folder`, :func:`validate_source`, the limits
(:data:`MAX_BYTES`, :data:`MAX_NODES`, :data:`MAX_STEPS`), the skeletons ``sop baru`` writes,
and the schema's documents (:func:`json_schemas`, :func:`reference_markdown`). Inside:
``loader`` (PyYAML with marks) → ``schema`` (the pydantic models) + ``messages`` (their
errors in Bahasa Indonesia) → ``validation`` (flow checks, files and folders); ``logo`` checks
logo files; ``schema_docs`` documents the schema. Nothing here lays out, renders or writes.
"""

from generator.definitions.loader import MAX_BYTES, MAX_NODES, read_yaml
from generator.definitions.logo import logo_problem
from generator.definitions.messages import shorten
from generator.definitions.schema_docs import SCHEMA_DIR, json_schemas, reference_markdown
from generator.definitions.skeleton import INSTANSI_SKELETON, sop_skeleton
from generator.definitions.validation import (
    MAX_STEPS,
    NAME_SLUG,
    Catalog,
    ValidationMemo,
    incompleteness_warnings,
    load_catalog,
    read_folder,
    revision_date_warnings,
    suggest_slug,
    validate_source,
)

__all__ = [
    "INSTANSI_SKELETON",
    "MAX_BYTES",
    "MAX_NODES",
    "MAX_STEPS",
    "NAME_SLUG",
    "SCHEMA_DIR",
    "Catalog",
    "ValidationMemo",
    "incompleteness_warnings",
    "json_schemas",
    "load_catalog",
    "logo_problem",
    "read_folder",
    "read_yaml",
    "reference_markdown",
    "revision_date_warnings",
    "shorten",
    "sop_skeleton",
    "suggest_slug",
    "validate_source",
]
