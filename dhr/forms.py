"""Forms for the DHR section: the review editor form and the reader's listing filter."""

import re
from types import SimpleNamespace

from django import forms
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.models import Page

from dhr.document_check import PAGE_FIELDS, check_review
from dhr.publication import (
    REQUIREMENTS,
    comes_down_at,
    missing_message,
    missing_requirements,
    publication_date_for,
)

FIELD_ERRORS = {
    "home_office_approval_date": _("Enter the date the Home Office approved the report before publishing."),
    "checklist_pseudonym_agreed": _("Confirm the family agreed the pseudonym before publishing."),
    "checklist_family_told": _("Confirm the family were told the publication date before publishing."),
    "checklist_documents_anonymised": _("Confirm the documents are anonymised before publishing."),
    "checklist_home_office_approved": _("Confirm Home Office approval was received before publishing."),
    "identifying_details": _(
        "List the identifying details to check for, one per line, before publishing: the "
        "documents and page are checked for each."
    ),
}


class ReviewPageForm(WagtailAdminPageForm):
    """Builds the title and slug from the pseudonym, and refuses to publish (or approve
    for publication) a review that is not ready, naming what is missing."""

    def _site_settings(self):
        from core.models import SiteSettings

        site = self.parent_page.get_site() if self.parent_page else None
        return SiteSettings.for_site(site) if site else SiteSettings()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None and not self.is_bound and "review_type" in self.fields:
            from dhr.models import ReviewType

            self.initial["review_type"] = ReviewType.for_nation(self._site_settings().nation)
        self._limit_themes_to_language()
        if "slug" in self.fields:
            self.fields["slug"].required = False
            self.fields["slug"].help_text = _(
                "The last part of the web address. Leave blank to make it from the pseudonym."
            )

    def _limit_themes_to_language(self):
        """Offer only the themes in the review's own language (a Welsh review's are the
        Welsh themes)."""
        from themes.models import Theme

        locale_id = self.instance.locale_id or (self.parent_page.locale_id if self.parent_page else None)
        if locale_id is None:
            return
        themes = Theme.objects.filter(locale_id=locale_id)
        if "themes" in self.fields:
            self.fields["themes"].queryset = themes
        formset = self.formsets.get("recommendations")
        if formset is not None:
            for form in formset.forms:
                if "theme" in form.fields:
                    form.fields["theme"].queryset = themes

    @property
    def is_publishing(self):
        data = self.data
        return bool(data.get("action-publish")) or (
            bool(data.get("action-workflow-action")) and data.get("workflow-action-name") == "approve"
        )

    def _value(self, name):
        if name in self.cleaned_data:
            return self.cleaned_data[name]
        return getattr(self.instance, name)

    def _publication_months(self):
        from dhr.models.settings import publication_months_for

        return publication_months_for(self.instance if self.instance.url_path else self.parent_page)

    def clean(self):
        cleaned_data = super().clean()
        self._fill_slug()
        if not self.is_publishing:
            return cleaned_data
        names = [name for name, _label in REQUIREMENTS] + [
            "publication_date",
            "keep_online_until",
            "go_live_at",
        ]
        probe = SimpleNamespace(**{name: self._value(name) for name in names})
        missing = missing_requirements(probe)
        if missing:
            # Each missing item is named once: on its field, which says what to do (the
            # admin's message lists them after this line), or in one message for any the
            # form does not show.
            self.add_error(None, _("This review cannot be published yet. First:"))
            not_shown = [name for name in missing if name not in self.fields]
            for name in missing:
                if name in self.fields:
                    self.add_error(name, FIELD_ERRORS[name])
            if not_shown:
                self.add_error(None, missing_message(not_shown))
            return cleaned_data
        check = check_review(self._probe())
        if not check.passed:
            self.add_error(None, _("This review cannot be published while it could identify someone:"))
            for problem in check.problems:
                self.add_error(None, str(problem))
            self.add_error(
                None,
                _(
                    "Remove each one from the document or field named, or upload a corrected PDF, "
                    "then publish again. The review has not been published."
                ),
            )
            return cleaned_data
        now = timezone.now()
        months = self._publication_months()
        ends = comes_down_at(probe, months, now)
        if ends <= now:
            field = "keep_online_until" if probe.keep_online_until else "publication_date"
            self.add_error(
                field,
                _(
                    "With these dates the review would come down straight away. Set 'keep online "
                    "until' to a later date, or check the publication date."
                ),
            )
            return cleaned_data
        if not cleaned_data.get("publication_date") and "publication_date" in self.fields:
            cleaned_data["publication_date"] = publication_date_for(probe, now)
        self.instance.expire_at = ends
        return cleaned_data

    def _probe(self):
        """The review as publishing this form would make it, for the identifying details
        check: its fields as entered and the documents listed in the form."""
        from dhr.models import ReviewPage
        from i18n.languages import DEFAULT_LANGUAGE, page_language

        values = {name: self._value(name) for name in [*PAGE_FIELDS, "identifying_details", "review_type"]}
        language = page_language(self.instance) if self.instance.locale_id else DEFAULT_LANGUAGE
        values["title"] = ReviewPage.title_for(values["review_type"], values["pseudonym"], language)
        return SimpleNamespace(
            **values,
            documents=self._documents(),
            key_findings=self._rows("key_findings"),
            recommendations=self._rows("recommendations"),
            change_notes=self.instance.change_notes if self.instance.pk else [],
        )

    def _rows(self, relation):
        """The key findings or recommendations the form lists, without those marked for
        removal, as unsaved objects with the text entered."""
        formset = self.formsets.get(relation)
        if formset is None:
            return list(getattr(self.instance, relation).all())
        formset.is_valid()
        rows = []
        for form in formset.forms:
            data = getattr(form, "cleaned_data", None) or {}
            if not data or data.get("DELETE"):
                continue
            rows.append(SimpleNamespace(**{name: data.get(name) or "" for name in form.fields}))
        return rows

    def _documents(self):
        """The review documents the form lists, in order, without those marked for removal."""
        from dhr.models import ReviewDocument

        formset = self.formsets.get("documents")
        if formset is None:
            return list(self.instance.documents.all())
        formset.is_valid()
        forms = formset.ordered_forms if formset.can_order and formset.is_valid() else formset.forms
        items = []
        for form in forms:
            data = getattr(form, "cleaned_data", None) or {}
            if data.get("DELETE") or data.get("document") is None:
                continue
            items.append(
                ReviewDocument(
                    document=data["document"],
                    kind=data.get("kind") or ReviewDocument.Kind.OTHER,
                    html_version=data.get("html_version") or "",
                )
            )
        return items

    def _fill_slug(self):
        if "slug" not in self.fields or self.cleaned_data.get("slug"):
            return
        pseudonym = self.cleaned_data.get("pseudonym") or ""
        base = slugify(pseudonym) or "review"
        parent = self.parent_page
        slug, number = base, 1
        while parent is not None and not Page._slug_is_available(slug, parent, self.instance):
            number += 1
            slug = f"{base}-{number}"
        self.cleaned_data["slug"] = slug


class YearField(forms.TypedChoiceField):
    """A year from the list, or any other year written as four digits (an old link, a
    year with no reviews): that gives "no reviews published in 2019", not an error."""

    def valid_value(self, value):
        return super().valid_value(value) or bool(re.fullmatch(r"(19|20)[0-9]{2}", str(value)))


class ThemeField(forms.ChoiceField):
    """A theme from the list, or the slug of a theme no review online has yet (a link from
    its theme page): the listing then finds no reviews, and a slug that is no theme at all
    is an error (``DHRIndexPage.get_context``)."""

    def valid_value(self, value):
        return super().valid_value(value) or bool(re.fullmatch(r"[-\w]{1,80}", str(value)))


class ReviewFilterForm(forms.Form):
    """The listing's filters. Choices come from the reviews on the site; a type that does
    not exist, or a year that is not a year, is a clear error rather than an empty page."""

    year = YearField(label=_("Year published"), required=False, coerce=int, empty_value=None, choices=())
    review_type = forms.ChoiceField(label=_("Type of review"), required=False, choices=())
    theme = ThemeField(label=_("Theme"), required=False, choices=())

    def __init__(self, *args, years=(), review_types=(), themes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = [("", _("All themes"))] + [(slug, name) for slug, name in themes]
        self.fields["theme"].error_messages["invalid_choice"] = _("Choose a theme from the list.")
        self.fields["year"].choices = [("", _("All years"))] + [(str(y), str(y)) for y in years]
        self.fields["review_type"].choices = [("", _("All types"))] + list(review_types)
        self.fields["year"].error_messages["invalid_choice"] = _(
            "Choose a year from the list, or enter a year as four digits, for example 2024."
        )
        self.fields["review_type"].error_messages["invalid_choice"] = _(
            "Choose a type of review from the list."
        )

    @property
    def is_filtered(self):
        return self.is_valid() and any(
            self.cleaned_data.get(name) for name in ("year", "review_type", "theme")
        )
