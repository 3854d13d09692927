"""The edit screen's form data for an existing review, as the admin would post it."""

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from dhr.publication import REQUIREMENTS


def review_form_data(review, new_documents=(), **overrides):
    """``review``'s edit form, unchanged unless ``overrides`` say otherwise; each of
    ``new_documents`` (dicts of document, kind and html_version HTML) is added as a new row."""
    rows = [
        {
            "id": str(item.pk),
            "document": str(item.document_id),
            "kind": item.kind,
            "html_version": item.html_version,
        }
        for item in review.documents.all()
    ] + [dict(item) for item in new_documents]
    for row in rows:
        row["html_version"] = rich_text(row.get("html_version", ""))
    findings = [{"id": str(row.pk), "text": row.text} for row in review.key_findings.all()]
    recommendations = [
        {
            "id": str(row.pk),
            "text": row.text,
            "agencies": row.agencies,
            "theme": str(row.theme_id or ""),
            "progress": row.progress,
            "progress_updated": str(row.progress_updated or ""),
            "progress_note": row.progress_note,
        }
        for row in review.recommendations.all()
    ]
    data = {
        "summary": review.summary,
        "pseudonym": review.pseudonym,
        "review_type": review.review_type,
        "death_month": str(review.death_month or ""),
        "death_year": str(review.death_year or ""),
        "joint_review_with": review.joint_review_with,
        "home_office_approval_date": str(review.home_office_approval_date or ""),
        "publication_date": str(review.publication_date or ""),
        "keep_online_until": str(review.keep_online_until or ""),
        "executive_summary": rich_text(review.executive_summary),
        "documents": inline_formset(rows, initial=len(rows) - len(new_documents)),
        "key_findings": inline_formset(findings, initial=len(findings)),
        "recommendations": inline_formset(recommendations, initial=len(recommendations)),
        "private_notes": review.private_notes,
        "identifying_details": review.identifying_details,
        "slug": review.slug,
        "seo_title": "",
        "search_description": "",
        "last_reviewed": str(review.last_reviewed or "2026-01-01"),
        "next_review_due": str(review.next_review_due or "2027-01-01"),
    }
    for name, _label in REQUIREMENTS:
        if name.startswith("checklist_") and getattr(review, name):
            data[name] = "on"
    data.update(overrides)
    # A list of checkboxes is posted as one name with several values, not nested.
    themes = data.pop("themes", [str(pk) for pk in review.themes.values_list("pk", flat=True)])
    form = nested_form_data({name: value for name, value in data.items() if value is not None})
    if themes:
        form["themes"] = themes
    return form
