"""The editors' own guide (docs/editors.md) inside the admin, for signed-in users.

Wagtail's help menu and dashboard link to Wagtail's general guide on the web; the site's
guide says how this site works (who may publish, reviews, copy requests). It is written
once, as Markdown in docs/, and shown here as the admin page "Editor guide", with its
screenshots from docs/images/.
"""

import functools
import re
from pathlib import Path

import markdown
from django.conf import settings
from django.http import FileResponse, Http404
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

GUIDE = Path(settings.BASE_DIR) / "docs" / "editors.md"
IMAGES = GUIDE.parent / "images"
IMAGE_NAME = re.compile(r"[a-z0-9-]+\.png")


@functools.cache
def _render(text, image_url):
    html = markdown.markdown(text, extensions=["tables", "sane_lists"], output_format="html")
    # Screenshots are linked as images/name.png, next to the Markdown file.
    return re.sub(r'src="images/([a-z0-9-]+\.png)"', rf'src="{image_url}\1"', html)


def guide_html():
    """docs/editors.md as HTML (the same file rendered once per process and content), its
    first heading left out: the admin page has its own."""
    text = GUIDE.read_text(encoding="utf-8")
    text = re.sub(r"\A# .*\n", "", text)
    image_url = reverse("editor_guide_image", args=["x.png"]).removesuffix("x.png")
    return mark_safe(_render(text, image_url))  # noqa: S308 - our own docs, from the repository


class EditorGuideView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "core/admin/editor_guide.html"
    page_title = _("Editor guide")
    header_icon = "help"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        return super().get_context_data(guide=guide_html(), **kwargs)


def editor_guide_image(request, name):
    """A screenshot of the guide, by its file name in docs/images/."""
    path = IMAGES / name
    if not IMAGE_NAME.fullmatch(name) or not path.is_file():
        raise Http404(_("There is no such picture in the editor guide."))
    return FileResponse(path.open("rb"), content_type="image/png")
