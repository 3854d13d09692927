"""Factories for the site's models, built on wagtail-factories."""

import datetime

import factory
import wagtail_factories
from django.utils import timezone

from core.models import AlertBanner
from home.models import StandardPage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Standard page {n}")
    summary = "A page used in tests."
    body = factory.LazyFunction(lambda: [("paragraph", "<p>Body text for a test page.</p>")])

    class Meta:
        model = StandardPage


class AlertBannerFactory(factory.django.DjangoModelFactory):
    heading = factory.Sequence(lambda n: f"Notice {n}")
    message = "Something readers should know."
    severity = AlertBanner.Severity.INFORMATION
    starts_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(hours=1))
    ends_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=1))

    class Meta:
        model = AlertBanner
