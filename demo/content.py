"""Reading the demo content files in ``demo/content/``.

Each page is a TOML file at its path under the home page: ``pages/workstreams/contest.toml``
is ``/workstreams/contest/``, and ``home.toml`` is the home page. ``site.toml`` lists the
pages in the order they are made and holds the settings, the alert banner and the demo
documents' shared text; ``nations/<nation>.toml`` holds what differs by nation, and
``documents/<name>.toml`` the words of each generated PDF.

Two rules for the words:

- ``{name}`` in any string is replaced by a variable: the site's (``[variables]`` in
  ``site.toml``, plus ``nhs_body``), then the file's own ``[variables]``, its top-level text
  fields and ``slug``.
- Rich text and PDF text are paragraphs separated by blank lines. A paragraph that starts
  with ``<`` is HTML as written (a heading, a list); the others become ``<p>`` elements.
  Lines within a paragraph are joined with spaces, and the spaces between two tags dropped.
"""

import functools
import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).parent / "content"
PLACEHOLDER = re.compile(r"\{(\w+)\}")


@functools.cache
def read(name):
    """The data of ``content/<name>.toml``."""
    with open(ROOT / f"{name}.toml", "rb") as file:
        return tomllib.load(file)


def site():
    return read("site")


def nation(nation):
    return read(f"nations/{nation.value}")


def page(path):
    """The data of the page at ``path`` under the home page ("" is the home page)."""
    return read(f"pages/{path}" if path else "home")


def page_paths():
    """The path of every page, in the order they are made: the home page, then ``site.toml``'s list."""
    return ["", *site()["pages"]]


def check_manifest():
    """Every page file is listed in ``site.toml``, so none is left out by mistake."""
    listed = set(site()["pages"])
    files = {str(p.relative_to(ROOT / "pages").with_suffix("")) for p in (ROOT / "pages").rglob("*.toml")}
    if files != listed:
        raise ValueError(f"site.toml pages and files differ: {sorted(files ^ listed)}")


def substitute(text, variables):
    return PLACEHOLDER.sub(lambda match: str(variables[match[1]]), text)


def paragraphs(text):
    """The paragraphs of ``text``: blank-line separated, each with its lines joined."""
    blocks = re.split(r"\n\s*\n", text.strip())
    return [" ".join(line.strip() for line in block.splitlines()) for block in blocks]


def html(text):
    """Rich text HTML from paragraphs (see the module docstring)."""
    parts = [part if part.startswith("<") else f"<p>{part}</p>" for part in paragraphs(text)]
    return re.sub(r">\s+<", "><", "".join(parts))
