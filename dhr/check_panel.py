"""The identifying details check on a review's edit screen ("Before publishing" tab): what
the check finds now, and what was taken out of each document when it was published."""

from wagtail.admin.panels import Panel

from dhr.document_check import check_review, document_items, document_source


class DocumentCheckPanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "dhr/panels/document_check.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            review = self.instance
            check = check_review(review)
            context.update(
                {
                    "check": check,
                    "problems": [str(problem) for problem in check.problems],
                    "removed": [
                        (document_source(number, item), item.document.metadata_removed)
                        for number, item in document_items(review)
                        if item.document.metadata_removed
                    ],
                }
            )
            return context
