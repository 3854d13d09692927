"""Search synonyms: words and abbreviations that editors say mean the same thing.

A search for any one of a synonym's terms also finds pages with any of the others
(``search.synonyms``), from the next search on: the search index is not changed.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .query import words_of

MAX_EQUIVALENTS = 20
MAX_WORDS_PER_TERM = 6


class SearchSynonym(models.Model):
    term = models.CharField(
        _("term"),
        max_length=100,
        unique=True,
        help_text=_(
            "A word, abbreviation or short phrase readers search for, such as ‘DHR’ or ‘domestic violence’."
        ),
    )
    equivalents = models.TextField(
        _("means the same as"),
        help_text=_(
            "One a line: the words pages use for the same thing, such as ‘domestic homicide review’. "
            "A search for the term finds pages with any of them, and a search for any of them "
            "finds pages with the term. Add the Welsh too where the site is in Welsh."
        ),
    )

    class Meta:
        ordering = ["term"]
        verbose_name = _("search synonym")
        verbose_name_plural = _("search synonyms")

    def __str__(self):
        return self.term

    def equivalent_lines(self):
        return [line.strip() for line in self.equivalents.splitlines() if line.strip()]

    def phrases(self):
        """The term and each equivalent as tuples of search words, without repeats."""
        found = []
        for text in (self.term, *self.equivalent_lines()):
            words = tuple(words_of(text))
            if words and words not in found:
                found.append(words)
        return found

    def clean(self):
        errors = {}
        term_words = words_of(self.term or "")
        if not term_words:
            errors["term"] = _("Enter a word or phrase with at least one letter or number.")
        elif len(term_words) > MAX_WORDS_PER_TERM:
            errors["term"] = _("Enter at most %(count)d words.") % {"count": MAX_WORDS_PER_TERM}
        lines = self.equivalent_lines()
        if not any(words_of(line) for line in lines):
            errors["equivalents"] = _("Enter at least one word or phrase, one a line.")
        elif len(lines) > MAX_EQUIVALENTS:
            errors["equivalents"] = _("Enter at most %(count)d lines.") % {"count": MAX_EQUIVALENTS}
        elif any(len(words_of(line)) > MAX_WORDS_PER_TERM for line in lines):
            errors["equivalents"] = _("Keep each line to at most %(count)d words.") % {
                "count": MAX_WORDS_PER_TERM
            }
        if errors:
            raise ValidationError(errors)
        self.term = " ".join(self.term.split())
