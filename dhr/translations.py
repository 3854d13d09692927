"""A review and its translations are one review: the English page is the source and its
dates, checklist and documents are never translated, only copied, so every language of a
review goes up and comes down at exactly the same moment.

- ``ReviewPage.override_translatable_fields`` tells wagtail-localize which fields are
  copied rather than translated (it already copies dates, choices and the checklist).
- Publishing a translation copies those fields from the English page first, and is refused
  while the English page is not live (``source_for_publishing``).
- Publishing the English page copies them to every translation at once, and unpublishing
  it unpublishes them (``connect``).
- Reading is guarded too: ``dhr.visibility`` treats a review as come down once any live
  language of it is past its come-down date, whatever the cron has done.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail.signals import page_published, page_unpublished

from core.visibility import is_visible
from i18n.languages import DEFAULT_LANGUAGE, locale_id_for, page_language

# Copied from the English page to its translations, never translated.
SYNCHRONISED_FIELDS = [
    "review_type",
    "pseudonym",
    "death_month",
    "death_year",
    "joint_review_with",
    "home_office_approval_date",
    "publication_date",
    "keep_online_until",
    "checklist_pseudonym_agreed",
    "checklist_family_told",
    "checklist_documents_anonymised",
    "checklist_home_office_approved",
    "private_notes",
    "identifying_details",
    "expire_at",
]


class SourceNotLive(PermissionDenied):
    """Raised when a translation would go live while its English page is not."""

    def __init__(self):
        super().__init__(
            str(
                _(
                    "Publish the English review first. A translation is only ever public while the English page is."
                )
            )
        )


def source_of(review):
    """The English page ``review`` is a translation of, or None if it is the English page."""
    from dhr.models import ReviewPage

    default_locale_id = locale_id_for(DEFAULT_LANGUAGE)
    if review.locale_id == default_locale_id or review.translation_key is None:
        return None
    return ReviewPage.objects.filter(
        translation_key=review.translation_key, locale_id=default_locale_id
    ).first()


def source_for_publishing(review):
    """The English page whose fields a translation must copy before going live; raises
    ``SourceNotLive`` if it is not live or has come down. None for the English page."""
    source = source_of(review)
    if source is None:
        return None
    if not is_visible(source):
        raise SourceNotLive()
    return source


# Each recommendation's progress is the English page's too: a moderator updates it once.
SYNCHRONISED_PROGRESS = ["progress", "progress_updated"]


def localised_themes(source, locale_id):
    """The English page's themes as the translation in ``locale_id`` should have them:
    each theme's version in that language, or the English theme where it has none yet."""
    from themes.models import Theme

    themes = list(source.themes.all())
    keys = [theme.translation_key for theme in themes]
    translated = {
        theme.translation_key: theme
        for theme in Theme.objects.filter(translation_key__in=keys, locale_id=locale_id)
    }
    return [translated.get(theme.translation_key, theme) for theme in themes]


def source_progress(source):
    """Each English recommendation's progress, by translation key."""
    return {
        row.translation_key: {name: getattr(row, name) for name in SYNCHRONISED_PROGRESS}
        for row in source.recommendations.all()
    }


def copy_synchronised_fields(source, target):
    for name in SYNCHRONISED_FIELDS:
        setattr(target, name, getattr(source, name))
    target.themes = localised_themes(source, target.locale_id)
    progress = source_progress(source)
    for row in target.recommendations.all():
        for name, value in progress.get(row.translation_key, {}).items():
            setattr(row, name, value)


def push_to_translations(source):
    """Copy the English page's synchronised fields to every translation's page row (the
    live version readers see), with each title rebuilt in its own language."""
    from dhr.models import ReviewPage

    values = {name: getattr(source, name) for name in SYNCHRONISED_FIELDS}
    for translation in ReviewPage.objects.filter(translation_key=source.translation_key).exclude(
        pk=source.pk
    ):
        title = ReviewPage.title_for(source.review_type, source.pseudonym, page_language(translation))
        ReviewPage.objects.filter(pk=translation.pk).update(title=title, draft_title=title, **values)
        through = ReviewPage.themes.through
        through.objects.filter(reviewpage_id=translation.pk).delete()
        through.objects.bulk_create(
            [
                through(reviewpage_id=translation.pk, theme_id=theme.pk)
                for theme in localised_themes(source, translation.locale_id)
            ]
        )
    push_progress(source)


def push_progress(source):
    from dhr.models import Recommendation, ReviewPage
    from dhr.models.findings import shown_learning

    for key, values in source_progress(source).items():
        Recommendation.objects.filter(translation_key=key).exclude(page_id=source.pk).update(**values)
    # What each translation's readers see follows its rows.
    for translation in ReviewPage.objects.filter(translation_key=source.translation_key).exclude(
        pk=source.pk
    ):
        ReviewPage.objects.filter(pk=translation.pk).update(learning_shown=shown_learning(translation))


def _on_published(sender, instance, **kwargs):
    if source_of(instance) is None:
        push_to_translations(instance)


def _on_unpublished(sender, instance, **kwargs):
    from dhr.models import ReviewPage

    specific_class = instance.specific_class
    if specific_class is None or not issubclass(specific_class, ReviewPage):
        return
    if source_of(instance) is not None:
        return
    for translation in instance.get_translations().live().specific():
        translation.unpublish(set_expired=instance.expired, log_action=True)


def connect():
    from dhr.models import ReviewPage
    from dhr.publication import mark_come_down_when_unpublished

    page_published.connect(_on_published, sender=ReviewPage, dispatch_uid="dhr-sync-translations")
    # Every page type: bulk unpublish sends the signal for plain ``Page`` objects. Marking
    # comes first, so the translations are unpublished as come down or withdrawn alike.
    page_unpublished.connect(mark_come_down_when_unpublished, dispatch_uid="dhr-mark-come-down")
    page_unpublished.connect(_on_unpublished, dispatch_uid="dhr-unpublish-translations")
