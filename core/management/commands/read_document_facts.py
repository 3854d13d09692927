"""Record the accessibility facts (tagged, title, language) of PDFs uploaded before they
were read on upload.

Safe to run again: it reads only the PDFs whose facts are not known yet (``--all``: every
PDF, for files changed outside the admin), and writes the three facts alone, so nothing
else about a document changes and no page is republished or re-indexed. A PDF that
cannot be read keeps no facts, and is tried again next time.
"""

from django.core.management.base import BaseCommand
from wagtail.documents import get_document_model

from core.document_text import read_accessibility


class Command(BaseCommand):
    help = "Read whether each PDF is tagged, has a title and declares its language, where not read yet."

    def add_arguments(self, parser):
        parser.add_argument(
            "--all", action="store_true", help="Read every PDF again, not only the unread ones."
        )

    def handle(self, *args, **options):
        documents = get_document_model().objects.filter(file__iendswith=".pdf").order_by("pk")
        if not options["all"]:
            documents = documents.filter(pdf_tagged__isnull=True)
        read = unreadable = 0
        for document in documents.iterator():
            facts = read_accessibility(document.file, document.file_extension)
            if facts.tagged is None:
                unreadable += 1
                continue
            type(document).objects.filter(pk=document.pk).update(
                pdf_tagged=facts.tagged, pdf_has_title=facts.has_title, pdf_language=facts.language
            )
            read += 1
        self.stdout.write(f"Accessibility facts read for {read} PDF(s); {unreadable} could not be read.")
