"""Loading the demo: the settings, the home page, every page in ``site.toml``'s order and
the alert banner.

Idempotent: a page is found by its slug under its parent and updated in place, its inline
lists replaced, never appended to. A value naming a page not made yet (a related page
further down the list) is set on a second pass, once every page exists.
"""

from django.apps import apps
from django.db import models
from django.utils import translation
from wagtail.models import Site

from core.change_notes import refresh_history
from core.models import AlertBanner, ChangeNote, SiteSettings
from demo import content, themes
from demo.values import Pending, Values, relative
from home.models import HomePage


def load(nation):
    """Load the demo for ``nation``; returns the home page."""
    content.check_manifest()
    home = Site.objects.get(is_default_site=True).root_page.specific
    if not isinstance(home, HomePage):
        raise TypeError("The default site's root page is not a HomePage; run migrate first.")
    settings = SiteSettings.for_site(home.get_site())
    settings.nation = nation
    with translation.override("en-gb"):
        nhs_body = str(settings.nhs_body)
    values = Values(home, {**content.site()["variables"], "nhs_body": nhs_body})
    themes.load()
    # First pass: the settings, then every page. What names a page not made yet waits.
    waiting = [(save_settings, settings, values, save_settings(settings, values, site_settings(nation)))]
    for label, data in content.site()["section_settings"].items():
        section = apps.get_model(label).for_site(home.get_site())
        waiting.append((save_settings, section, values, save_settings(section, values, data)))
    for path in content.page_paths():
        page, page_values, data = load_page(values, path)
        waiting.append((save_page, page, page_values, data))
    # Second pass, now that every page exists.
    for save, obj, obj_values, data in waiting:
        if data and save(obj, obj_values, data):
            raise ValueError(f"{obj}: no page at {data}")
    load_banner(values)
    return home


def welsh_pages(home):
    """The pages the Welsh demo translates (``welsh = true``), parents first."""
    values = Values(home, {})
    return [values.page(path) for path in content.page_paths() if content.page(path).get("welsh")]


def site_settings(nation):
    return {**content.site()["settings"], **content.nation(nation)["settings"]}


def split(values, model, data):
    """``data`` as field values of ``model``, and the part of it naming pages not made yet."""
    fields, pending = {}, {}
    for name, value in data.items():
        try:
            fields[name] = values.field(model, name, value)
        except Pending:
            pending[name] = value
    return fields, pending


def save_settings(settings, values, data):
    fields, pending = split(values, type(settings), data)
    for name, value in fields.items():
        setattr(settings, name, value)
    settings.save()
    return pending


def save_page(page, values, data, parent=None):
    """Set ``data`` on ``page`` (adding it under ``parent`` if new) and publish it; returns
    the part of ``data`` naming pages not made yet."""
    fields, pending = split(values, type(page), data)
    inline = {name for name in fields if isinstance(page._meta.get_field(name), models.ManyToOneRel)}
    for name in fields.keys() - inline:
        setattr(page, name, fields[name])
    if parent is not None:
        parent.add_child(instance=page)
    for name in inline:
        setattr(page, name, fields[name])
    page.save_revision(log_action=False, clean=True).publish(log_action=False)
    return pending


def load_page(values, path):
    """Create or update the page at ``path``; returns it, its values and what is pending."""
    data = dict(content.page(path))
    model = apps.get_model(data.pop("type"))
    data.pop("welsh", None)
    change_notes = data.pop("change_notes", [])
    variables = data.pop("variables", {})
    text = {name: value for name, value in data.items() if isinstance(value, str)}
    slug = path.rpartition("/")[2]
    page_values = Values(values.home, {**values.variables, **variables, **text, "slug": slug})
    parent = None
    if not path:
        page = values.home
    else:
        under = page_values.page(path.rpartition("/")[0])
        existing = under.get_children().filter(slug=slug).first()
        page = existing.specific if existing else model(slug=slug)
        parent = None if existing else under
    if not isinstance(page, model):
        raise TypeError(f"/{path}/ exists as a {type(page).__name__}, not a {model.__name__}")
    pending = save_page(page, page_values, data, parent)
    save_change_notes(page, page_values, change_notes)
    return page, page_values, pending


def save_change_notes(page, values, notes):
    """The page's public change notes (``[[change_notes]]``, each a ``note`` and when it was
    ``published_at``), kept as publishing each update with its note would have: once each."""
    published_at = ChangeNote._meta.get_field("published_at")
    for row in notes:
        ChangeNote.objects.update_or_create(
            translation_key=page.translation_key,
            note=values.text(row["note"]),
            defaults={"page_id": page.pk, "published_at": relative(published_at, row["published_at"])},
        )
    if notes:
        refresh_history(page)


def load_banner(values):
    data = dict(content.site()["banner"])
    heading = data.pop("heading")
    fields, _pending = split(values, AlertBanner, data)
    AlertBanner.objects.update_or_create(heading=heading, defaults=fields)
