"""DOT strings made safe for Graphviz's SVG output (pure; shared by the diagrams and the relations map).

Graphviz copies ``URL`` into ``xlink:href`` without escaping ``"`` and passes character
entities (``&lt;``, ``&#x3C;``) in labels and tooltips through as entities, so a definition's
text could break out of an attribute or change what is shown. :func:`quote` keeps every text
literal; :func:`url` percent-encodes a link.
"""

from __future__ import annotations

from urllib.parse import quote as _percent

__all__ = ["escape_text", "quote", "url"]


def escape_text(text: str) -> str:
    r"""*text* for inside a DOT double-quoted string, shown literally in the SVG.

    Backslashes (Graphviz escapes such as ``\N``), double quotes and ``&`` (entities) are escaped.

    >>> escape_text('a "b" \\N &lt;')
    'a \\"b\\" \\\\N &amp;lt;'
    """
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("&", "&amp;")


def quote(text: str) -> str:
    r"""*text* as a DOT double-quoted string (see :func:`escape_text`).

    >>> quote('Surat "A"')
    '"Surat \\"A\\""'
    """
    return f'"{escape_text(text)}"'


def url(href: str) -> str:
    """*href* as a quoted DOT ``URL``: every character outside a path's plain set percent-encoded.

    >>> url('../a b/"x"/#s')
    '"../a%20b/%22x%22/#s"'
    """
    return f'"{_percent(href, safe="/#.-_~%")}"'
