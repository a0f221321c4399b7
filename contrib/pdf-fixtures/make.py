#!/usr/bin/env python3
"""Regenerates the PDF fixtures in tests/fixtures/pdf: one numbered response table
(No. | Recommendation | Response | Status, recommendations 1, 4, 5 and 8, wrapped cells, over a
page break) made by three independent producers (and by reportlab and Chromium without rules, the
latter with Chromium's own running header and footer on its two pages), a scanned letter (a text PDF rendered to
page images at 200 dpi and wrapped as a PDF of images, with no text layer), and the reportlab
table with the scanned letter as its last page (a PDF partly scanned), and a response of one
recommendation a page, the same answer pasted under each, with Chromium's running header and
footer, and a letter in that shape drawn by reportlab with a header and footer of its own, and one
recommendation's answer on a page alone, printed by Chromium with its header and footer.

Needs: python3 with reportlab, python-docx and Pillow (pip install reportlab python-docx pillow), LibreOffice
(Debian: libreoffice-writer-nogui), Chromium (Debian: chromium), pdftoppm (poppler-utils) and
img2pdf and pdfunite (poppler-utils). Run from the repository root: python3 contrib/pdf-fixtures/make.py
"""

import html
import os
import shutil
import subprocess
import sys
import tempfile

OUT = os.path.join("tests", "fixtures", "pdf")

TITLE = "Kent Police: response to the Safe to Share recommendations"

PREAMBLE = [
    "This document sets out the response of Kent Police to the recommendations of the super-complaint "
    "report on the sharing of victims' information with Immigration Enforcement. Each row of the table "
    "below gives a recommendation made to chief constables, the action the force has taken in response, "
    "and the status of that action as reported to the force's governance board.",
    "The force has considered the findings of the report with its partners in the local domestic abuse "
    "forum and with the Office of the Police and Crime Commissioner. The actions below were agreed at the "
    "force's strategic board and are reviewed at each of its quarterly meetings, where the lead officer "
    "for each recommendation reports on progress.",
]

HEADER = ["No.", "Recommendation", "Response", "Status"]

ROWS = [
    ("1", "Where officers only have concerns or doubts about a victim's immigration status, stop sharing "
     "information on domestic abuse victims with Immigration Enforcement.",
     "Kent Police issued a force order in March 2021 stopping the routine sharing of victim information "
     "with Immigration Enforcement where the only concern is a doubt about immigration status. The order "
     "was discussed at the relevant Domestic Abuse forum and given to a named lead in each partner agency "
     "for ownership.", "Complete"),
    ("4", "Ensure that all migrant victims and witnesses of crime are effectively supported through safe "
     "reporting pathways.",
     "Kent Police has trained its victim care officers to offer every migrant victim an independent "
     "advocate and explains in writing how to report a crime without any contact with Immigration "
     "Enforcement. Officers in the control room have been briefed on the same pathways, and the briefing "
     "is part of the induction of every new call handler.", "Green"),
    ("5", "Promote migrant victims' and witnesses' confidence in reporting crimes to the police.",
     "Neighbourhood officers in Kent attend community events each month to explain that victims will "
     "always be treated as victims first, and the force has published its position on its website for "
     "everyone to read. Community leaders were invited to comment on the wording before it was published, "
     "and their comments were taken into the final text of the statement.", "Ongoing"),
    ("8", "Provide an update to HM Chief Inspector of Constabulary within six months.",
     "This table is the update Kent Police provided to HM Chief Inspector of Constabulary in June 2021, "
     "and it will be refreshed each year.", "Complete"),
]

CLOSING = "Assistant Chief Constable, Kent Police"

LETTER = [
    "Sussex Police",
    "Malling House, Church Lane, Lewes",
    "12 July 2021",
    "Dear Inspector,",
    "Thank you for your letter of 24 November 2020 asking for an update on the recommendations of the "
    "Safe to Share report.",
    "Recommendation 1",
    "Sussex Police stopped routine referrals to Immigration Enforcement in March 2021. A force order now "
    "tells officers that a doubt about a victim's immigration status is never, on its own, a reason to "
    "share information, and supervisors review every referral that is made.",
    "Recommendation 4",
    "Our victim and witness service now offers every migrant victim an independent advocate, and a "
    "leaflet in eleven languages explains how to report a crime without contact with Immigration "
    "Enforcement. The leaflet is given out at every front counter and by neighbourhood teams.",
    "Recommendation 5",
    "Neighbourhood teams attend community events each month to explain that victims will always be "
    "treated as victims first. We have also published our position on the force website.",
    "Yours sincerely,",
    "Chief Constable",
]


def docx_table(path):
    from docx import Document
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    doc = Document()
    style = doc.styles["Normal"]
    style.font.size = Pt(11)
    doc.add_heading(TITLE, level=1)
    for p in PREAMBLE * 2:
        doc.add_paragraph(p)
    table = doc.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    widths = [Cm(1.2), Cm(5.0), Cm(8.0), Cm(2.3)]
    table.autofit = False
    for column, w in zip(table.columns, widths):
        column.width = w
    for cell, text, w in zip(table.rows[0].cells, HEADER, widths):
        cell.text = text
        cell.width = w
    # The header row repeats at the top of each page.
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    tr_pr.append(repeat)
    for row in ROWS:
        cells = table.add_row().cells
        for cell, text, w in zip(cells, row, widths):
            cell.text = text
            cell.width = w
    doc.add_paragraph(CLOSING)
    doc.save(path)


def libreoffice(workdir):
    src = os.path.join(workdir, "table-libreoffice.docx")
    docx_table(src)
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", workdir, src],
                   check=True, stdout=subprocess.DEVNULL)
    shutil.copy(os.path.join(workdir, "table-libreoffice.pdf"), os.path.join(OUT, "table-libreoffice.pdf"))


def reportlab_table(ruled=True, name="table-reportlab.pdf"):
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    styles = getSampleStyleSheet()
    body = styles["BodyText"]
    story = [Paragraph(TITLE, styles["Heading1"])]
    for p in PREAMBLE * 4:
        story.append(Paragraph(html.escape(p), body))
    story.append(Spacer(1, 12))
    data = [HEADER] + [[Paragraph(html.escape(c), body) for c in row] for row in ROWS]
    table = Table(data, colWidths=[30, 150, 250, 60], repeatRows=1, splitInRow=1)
    style = [("VALIGN", (0, 0), (-1, -1), "TOP")]
    if ruled:
        style += [("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("BACKGROUND", (0, 0), (-1, 0), colors.lightgrey)]
    table.setStyle(TableStyle(style))
    story.append(table)
    story.append(Spacer(1, 12))
    story.append(Paragraph(CLOSING, body))
    SimpleDocTemplate(os.path.join(OUT, name), pagesize=A4, invariant=1).build(story)


def letter_reportlab():
    """A letter of four pages, its prose running over the first page break, then one
    recommendation a page with the same answer pasted under each; a header (marking) and a footer
    (address, `Page N of 4`) drawn on every page."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer

    styles = getSampleStyleSheet()

    def furniture(canvas, doc):
        canvas.saveState()
        canvas.setFont("Helvetica", 8)
        canvas.drawString(72, A4[1] - 40, "OFFICIAL - Devon and Cornwall Police")
        canvas.drawString(72, 30, "Devon and Cornwall Police, Middlemoor, Exeter EX2 7HQ")
        canvas.drawRightString(A4[0] - 72, 30, f"Page {doc.page} of 4")
        canvas.restoreState()

    answer = ("Devon and Cornwall Police accepts this recommendation. We have reviewed our procedures and officers "
              "no longer share the data of victims whose only contact with us is reporting a crime. Our policy was "
              "updated in March 2021 and training was delivered to every call handler in the force.")
    thanks = "Thank you for your letter of 17 December 2020 about the super-complaint report. " * 40
    story = [Paragraph("Dear Inspector,", styles["Normal"]), Spacer(1, 8), Paragraph(thanks.strip(), styles["Normal"])]
    for n, row in zip([1, 4, 5], ROWS):
        story += [PageBreak(), Paragraph(f"Recommendation {n}", styles["Heading2"]),
                  Paragraph(html.escape(row[1]), styles["Normal"]), Paragraph("Response", styles["Heading3"]),
                  Paragraph(answer, styles["Normal"])]
    SimpleDocTemplate(os.path.join(OUT, "letter-reportlab.pdf"), pagesize=A4, invariant=1).build(
        story, onFirstPage=furniture, onLaterPages=furniture)


def print_chromium(workdir, page, html_name, pdf_name, header_footer=True):
    """Prints an HTML page to OUT/pdf_name with headless Chromium, with its own running header
    (date and title) and footer (address and page of pages) unless told not to."""
    src = os.path.join(workdir, html_name)
    with open(src, "w", encoding="utf-8") as f:
        f.write(page)
    out = os.path.abspath(os.path.join(OUT, pdf_name))
    bare = [] if header_footer else ["--no-pdf-header-footer"]
    subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", *bare,
                    f"--print-to-pdf={out}", "file://" + os.path.abspath(src)],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def chromium_table(workdir, ruled=True, name="table-chromium.pdf"):
    rows = "".join(
        "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in ROWS
    )
    head = "".join(f"<th>{h}</th>" for h in HEADER)
    pre = "".join(f"<p>{html.escape(p)}</p>" for p in PREAMBLE * 3)
    page = f"""<!doctype html><html><head><meta charset="utf-8"><title>Response</title><style>
body {{ font-family: sans-serif; font-size: 12pt; }}
table {{ border-collapse: collapse; width: 100%; }}
th, td {{ border: {"1px solid #000" if ruled else "none"}; padding: 4px; vertical-align: top; text-align: left; }}
th:first-child {{ width: 7%; }} th:nth-child(2) {{ width: 30%; }} th:nth-child(4) {{ width: 12%; }}
</style></head><body><h1>{html.escape(TITLE)}</h1>{pre}
<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>
<p>{html.escape(CLOSING)}</p></body></html>"""
    # The ruled table is printed bare; the one without rules with Chromium's own header and
    # footer, as a user prints a page.
    print_chromium(workdir, page, "table.html", name, header_footer=not ruled)


def pages_chromium(workdir):
    """One recommendation a page, the same answer pasted under each, printed by Chromium with its
    own running header (date and title) and footer (address and page number)."""
    recs = [(1, ROWS[0][1]), (4, ROWS[1][1]), (5, ROWS[2][1])]
    answer = ("Kent Police accepts this recommendation. We have reviewed our procedures and officers no "
              "longer share the data of victims whose only contact with us is reporting a crime. Our policy "
              "was updated in March 2021 and training was delivered to every call handler in the force.")
    breaks = ['<h2>'] + ['<h2 style="page-break-before: always">'] * (len(recs) - 1)
    body = "".join(
        f"{h2}Recommendation {n}</h2><p>{html.escape(text)}</p><h3>Response</h3><p>{html.escape(answer)}</p>"
        for h2, (n, text) in zip(breaks, recs)
    )
    page = f"""<!doctype html><html><head><meta charset="utf-8"><title>{html.escape(TITLE)}</title>
<style>body {{ font-family: serif; font-size: 12pt; }}</style></head><body>{body}</body></html>"""
    print_chromium(workdir, page, "kent-response.html", "pages-chromium.pdf")


def one_page_chromium(workdir):
    """One recommendation and its answer on a page alone, printed by Chromium with its own header
    (date and title) and footer (address and 1/1)."""
    page = f"""<!doctype html><html><head><meta charset="utf-8"><title>{html.escape(TITLE)}</title></head>
<body><h2>Recommendation 1</h2><p>{html.escape(ROWS[0][2])}</p></body></html>"""
    print_chromium(workdir, page, "kent-one-page.html", "one-page-chromium.pdf")


def scanned_letter(workdir):
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    styles = getSampleStyleSheet()
    body = styles["BodyText"]
    body.fontSize = 11
    body.leading = 15
    story = []
    for p in LETTER:
        story.append(Paragraph(html.escape(p), body))
        story.append(Spacer(1, 6))
    text_pdf = os.path.join(workdir, "letter-text.pdf")
    SimpleDocTemplate(text_pdf, pagesize=A4, invariant=1).build(story)
    subprocess.run(["pdftoppm", "-r", "200", "-gray", "-png", text_pdf, os.path.join(workdir, "page")], check=True)
    pages = sorted(p for p in os.listdir(workdir) if p.startswith("page") and p.endswith(".png"))
    # Grey pages made 1-bit, as a scanner set to black and white gives them (small files).
    from PIL import Image

    images = []
    for p in pages:
        mono = os.path.join(workdir, p[:-4] + ".tif")
        grey = Image.open(os.path.join(workdir, p)).convert("L")
        grey.point(lambda v: 255 if v > 100 else 0).convert("1").save(mono, compression="group4", dpi=(200, 200))
        images.append(mono)
    subprocess.run(["img2pdf", "--pagesize", "A4", "-o", os.path.join(OUT, "scanned-letter.pdf")] + images,
                   check=True)


def main():
    os.makedirs(OUT, exist_ok=True)
    with tempfile.TemporaryDirectory() as workdir:
        which = sys.argv[1:] or ["libreoffice", "reportlab", "unruled", "chromium", "chromium-unruled", "pages", "one-page", "letter", "scanned", "mixed"]
        if "libreoffice" in which:
            libreoffice(workdir)
        if "reportlab" in which:
            reportlab_table()
        if "unruled" in which:
            # The same table with no rules: read from where its columns start.
            reportlab_table(ruled=False, name="table-reportlab-unruled.pdf")
        if "chromium" in which:
            chromium_table(workdir)
        if "chromium-unruled" in which:
            chromium_table(workdir, ruled=False, name="table-chromium-unruled.pdf")
        if "letter" in which:
            letter_reportlab()
        if "pages" in which:
            pages_chromium(workdir)
        if "one-page" in which:
            one_page_chromium(workdir)
        if "scanned" in which:
            scanned_letter(workdir)
        if "mixed" in which:
            subprocess.run(["pdfunite", os.path.join(OUT, "table-reportlab.pdf"), os.path.join(OUT, "scanned-letter.pdf"),
                            os.path.join(OUT, "mixed-table-and-scan.pdf")], check=True)


if __name__ == "__main__":
    main()
