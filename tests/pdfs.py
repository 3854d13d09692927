"""Small PDFs made in tests: pages of text (fpdf2), then what a word processor or a PDF
editor adds to a file (pikepdf): document information, XMP, comments, bookmarks,
attachments, form fields, and boxes drawn over words."""

import io

import pikepdf
from fpdf import FPDF


def make_pdf(
    pages, *, boxed=None, box_colour=(0, 0, 0), box_image=False, tagged=False, font_size=11, width=None
):
    """A PDF with one page per string in ``pages``. ``boxed``: a line written at the foot of
    the last page with a filled box of ``box_colour`` drawn over it afterwards (a picture
    of that colour with ``box_image``). ``tagged``:
    mark the file as tagged with a language, as an accessible export does. ``width``: the
    width of the text column in mm (a narrow one wraps lines)."""
    pdf = FPDF(format="A4")
    pdf.set_margins(20, 20, 20)
    pdf.set_auto_page_break(True, margin=20)
    if tagged:
        pdf.set_lang("en-GB")
    for number, text in enumerate(pages):
        pdf.add_page()
        pdf.set_font("Helvetica", size=font_size)
        pdf.multi_cell(width or 0, 6, text)
        if boxed and number == len(pages) - 1:
            pdf.set_font("Helvetica", size=12)
            pdf.text(30, 250, boxed)
            width_mm = pdf.get_string_width(boxed) + 4
            if box_image:
                from PIL import Image

                pdf.image(Image.new("RGB", (40, 8), box_colour), x=28, y=245, w=width_mm, h=7)
            else:
                pdf.set_fill_color(*box_colour)
                pdf.rect(28, 245, width_mm, 7, style="F")
    data = bytes(pdf.output())
    if tagged:
        data = edit(data, tag=True)
    return data


def edit(
    data,
    *,
    info=None,
    xmp=None,
    comment=None,
    bookmark=None,
    attachment=None,
    attachment_annotation=None,
    field=None,
    link=None,
    tag=False,
):
    """``data`` with what a PDF editor adds: ``info`` document information (a dict such as
    ``{"/Author": "..."}``), ``xmp`` a creator name in XMP metadata, ``comment`` a dict of
    a comment's ``/Contents``, ``/T`` (author) and ``/Subj`` on the last page, ``bookmark``
    a bookmark's title, ``attachment`` an embedded file's ``(name, description)``,
    ``attachment_annotation`` a file attached to the first page by a comment,
    ``field`` a text form field's ``(name, value)``, ``link`` a link's address."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        if info:
            for key, value in info.items():
                pdf.docinfo[key] = value
        if xmp:
            with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
                meta["dc:creator"] = [xmp]
                meta["xmp:CreatorTool"] = "Microsoft Word"
        last = pdf.pages[-1]
        if comment:
            note = pdf.make_indirect(
                pikepdf.Dictionary(
                    Type=pikepdf.Name.Annot,
                    Subtype=pikepdf.Name.Text,
                    Rect=[100, 100, 120, 120],
                    **{key.lstrip("/"): pikepdf.String(value) for key, value in comment.items()},
                )
            )
            popup = pdf.make_indirect(
                pikepdf.Dictionary(
                    Type=pikepdf.Name.Annot,
                    Subtype=pikepdf.Name.Popup,
                    Rect=[120, 100, 300, 200],
                    Parent=note,
                )
            )
            note.Popup = popup
            _add_annotation(last, note)
            _add_annotation(last, popup)
        if link:
            _add_annotation(
                last,
                pdf.make_indirect(
                    pikepdf.Dictionary(
                        Type=pikepdf.Name.Annot,
                        Subtype=pikepdf.Name.Link,
                        Rect=[50, 50, 150, 70],
                        A=pikepdf.Dictionary(S=pikepdf.Name.URI, URI=pikepdf.String(link)),
                    )
                ),
            )
        if bookmark:
            with pdf.open_outline() as outline:
                outline.root.append(pikepdf.OutlineItem(bookmark, 0))
        if attachment:
            name, description = attachment
            spec = pikepdf.AttachedFileSpec(pdf, b"notes", description=description, filename=name)
            pdf.attachments[name] = spec
        if attachment_annotation:
            spec = pikepdf.AttachedFileSpec(pdf, b"notes", filename=attachment_annotation)
            _add_annotation(
                pdf.pages[0],
                pdf.make_indirect(
                    pikepdf.Dictionary(
                        Type=pikepdf.Name.Annot,
                        Subtype=pikepdf.Name.FileAttachment,
                        Rect=[10, 10, 30, 30],
                        FS=spec.obj,
                    )
                ),
            )
        if field:
            name, value = field
            widget = pdf.make_indirect(
                pikepdf.Dictionary(
                    Type=pikepdf.Name.Annot,
                    Subtype=pikepdf.Name.Widget,
                    FT=pikepdf.Name.Tx,
                    Rect=[100, 300, 300, 320],
                    T=pikepdf.String(name),
                    V=pikepdf.String(value),
                    P=last.obj,
                )
            )
            _add_annotation(last, widget)
            pdf.Root.AcroForm = pikepdf.Dictionary(Fields=[widget])
        if tag:
            pdf.Root.MarkInfo = pikepdf.Dictionary(Marked=True)
            pdf.Root.StructTreeRoot = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructTreeRoot))
            pdf.Root.Lang = pikepdf.String("en-GB")
        out = io.BytesIO()
        pdf.save(out)
    return out.getvalue()


def _add_annotation(page, annotation):
    if "/Annots" not in page.obj:
        page.obj.Annots = pikepdf.Array()
    page.obj.Annots.append(annotation)


def in_a_form(data, matrix="0.5 0 0 0.5 100 100"):
    """``data`` with each page's content moved into a form XObject drawn through
    ``matrix``, as PDF tools that stamp or impose pages do."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            contents = page.obj.Contents
            streams = [contents] if isinstance(contents, pikepdf.Stream) else list(contents)
            form = pdf.make_stream(
                b"\n".join(stream.read_bytes() for stream in streams),
                Type=pikepdf.Name.XObject,
                Subtype=pikepdf.Name.Form,
                BBox=page.mediabox,
                Resources=page.obj.Resources,
            )
            page.obj.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Fx=form))
            page.obj.Contents = pdf.make_stream(f"q {matrix} cm /Fx Do Q".encode())
        out = io.BytesIO()
        pdf.save(out)
    return out.getvalue()
