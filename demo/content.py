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
  with a block element (``<h3>``, ``<ul>``...) is HTML as written; the others become ``<p>``
  elements. Lines within a paragraph are joined with a space, or with nothing between a
  line that ends with a tag and one that starts with one.
"""

import functools
import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).parent / "content"
PLACEHOLDER = re.compile(r"\{(\w+)\}")
BLOCK_ELEMENT = re.compile(r"<(h[1-6]|p|ul|ol|blockquote|table)\b")


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
    return [join_lines(block.splitlines()) for block in re.split(r"\n\s*\n", text.strip())]


def join_lines(lines):
    joined = ""
    for line in (line.strip() for line in lines):
        between_tags = joined.endswith(">") and line.startswith("<")
        joined += line if not joined or between_tags else " " + line
    return joined


def html(text):
    """Rich text HTML from paragraphs (see the module docstring)."""
    return "".join(part if BLOCK_ELEMENT.match(part) else f"<p>{part}</p>" for part in paragraphs(text))
