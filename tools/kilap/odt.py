# ruff: noqa: E501 (XML literals read better unwrapped)
"""./kilap odt: build the py3o templates of the SKP (kilap_activity) and of the
evaluation form (kilap_scoring), committed in the add-ons so that Odoo never needs this.

Stdlib only (zipfile), no office suite: a minimal valid ODT whose py3o user fields and
loop links report_py3o fills in.  A file is written only when its content changes, with
fixed timestamps, so a rebuild of an unchanged layout changes no byte.
"""

import zipfile
from xml.sax.saxutils import escape, quoteattr

from kilap.common import REPO, say

MIMETYPE = "application/vnd.oasis.opendocument.text"
NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:xlink="http://www.w3.org/1999/xlink" '
)
MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"'
    ' manifest:version="1.2">'
    '<manifest:file-entry manifest:full-path="/" manifest:version="1.2"'
    f' manifest:media-type="{MIMETYPE}"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    '<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>'
    '<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>'
    "</manifest:manifest>"
)


def style(name, properties=""):
    """A paragraph style of styles.xml."""
    head = f'<style:style style:name="{name}" style:family="paragraph"'
    return f"{head}>{properties}</style:style>" if properties else f"{head}/>"


class Document:
    """One ODT: paragraphs, tables and the py3o user fields they show."""

    def __init__(self, ns_meta, styles, meta):
        self.ns = NS + ns_meta + ' office:version="1.2"'
        self.styles = styles
        self.meta = meta
        self.fields = {}  # name -> declared value, in order of first use

    def field(self, name, shown, value=""):
        """A py3o user field ``name`` showing ``shown``."""
        self.fields.setdefault(name, value)
        return f"<text:user-field-get text:name={quoteattr(name)}>{escape(shown)}</text:user-field-get>"

    def expr(self, expr):
        """The field of a py3o expression, shown as itself."""
        return self.field(f"py3o.{expr}", expr)

    def files(self, body):
        decls = "".join(
            f'<text:user-field-decl office:value-type="string" '
            f"office:string-value={quoteattr(value)} text:name={quoteattr(name)}/>"
            for name, value in self.fields.items()
        )
        content = (
            f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {self.ns}>'
            "<office:automatic-styles/><office:body><office:text>"
            f"<text:user-field-decls>{decls}</text:user-field-decls>{''.join(body)}"
            "</office:text></office:body></office:document-content>"
        )
        styles = (
            f'<?xml version="1.0" encoding="UTF-8"?><office:document-styles {self.ns}>'
            f"<office:styles>{''.join(style(*s) for s in self.styles)}</office:styles>"
            "</office:document-styles>"
        )
        meta = (
            f'<?xml version="1.0" encoding="UTF-8"?><office:document-meta {self.ns}>'
            f"<office:meta>{self.meta}</office:meta></office:document-meta>"
        )
        return {
            "content.xml": content.encode(),
            "styles.xml": styles.encode(),
            "meta.xml": meta.encode(),
            "META-INF/manifest.xml": MANIFEST.encode(),
        }


def link(directive):
    href = quoteattr(f"py3o://{directive}")
    return f'<text:a xlink:type="simple" xlink:href={href}>{escape(directive)}</text:a>'


def para(style, *parts):
    return f'<text:p text:style-name="{style}">{"".join(parts)}</text:p>'


def row(*cells):
    return (
        "<table:table-row>"
        + "".join(
            f'<table:table-cell office:value-type="string">{para("Standard", c)}</table:table-cell>'
            for c in cells
        )
        + "</table:table-row>"
    )


def table(name, columns, *rows):
    return (
        f'<table:table table:name="{name}">'
        f'<table:table-column table:number-columns-repeated="{columns}"/>'
        + "".join(rows)
        + "</table:table>"
    )


# --------------------------------------------------------------------------- SKP

SKP_SAMPLES = {
    "py3o.objects.company_id.name": "Pemerintah Kabupaten",
    "py3o.objects.year": "2026",
    "py3o.objects.revision": "0",
    "py3o.objects.employee_id.name": "Nama Pegawai",
    "py3o.objects.employee_id.nip": "NIP",
    "py3o.objects.employee_id.jabatan_name": "Jabatan",
    "py3o.objects.department_id.name": "Unit Kerja",
    "py3o.objects.penilai_id.name": "Pejabat Penilai",
    "py3o.objects.penilai_id.nip": "NIP Penilai",
    "py3o.rhk.name": "RHK",
    "py3o.kind_label(rhk)": "Utama",
    "py3o.ind.name": "Indikator",
    "py3o.ind.target_qty": "1",
    "py3o.ind.unit": "satuan",
}


def skp():
    """kilap_activity/report/kilap_skp.odt: fields show sample values."""
    doc = Document(
        'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"',
        [
            ("Standard", '<style:text-properties fo:font-size="11pt"/>'),
            (
                "Title",
                '<style:paragraph-properties fo:text-align="center"/>'
                '<style:text-properties fo:font-size="14pt" fo:font-weight="bold"/>',
            ),
            ("Center", '<style:paragraph-properties fo:text-align="center"/>'),
            (
                "Heading",
                '<style:paragraph-properties fo:margin-top="0.3cm"/>'
                '<style:text-properties fo:font-weight="bold"/>',
            ),
            ("Strong", '<style:text-properties fo:font-weight="bold"/>'),
        ],
        "<meta:generator>KILAP</meta:generator>",
    )

    def f(name):
        return doc.field(name, SKP_SAMPLES[name], SKP_SAMPLES[name])

    def loop(directive):
        return f"<text:p>{link(directive)}</text:p>"

    nbsp = "\u00a0\u00a0\u00a0\u00a0"
    return doc.files(
        [
            para("Title", "SASARAN KINERJA PEGAWAI (SKP)"),
            para("Center", f("py3o.objects.company_id.name")),
            para(
                "Center",
                *("Tahun ", f("py3o.objects.year")),
                *(" - Revisi ", f("py3o.objects.revision")),
            ),
            para("Heading", "Pegawai yang dinilai"),
            para("Standard", "Nama: ", f("py3o.objects.employee_id.name")),
            para("Standard", "NIP: ", f("py3o.objects.employee_id.nip")),
            para("Standard", "Jabatan: ", f("py3o.objects.employee_id.jabatan_name")),
            para("Standard", "Unit kerja: ", f("py3o.objects.department_id.name")),
            para("Heading", "Pejabat penilai kinerja"),
            para("Standard", "Nama: ", f("py3o.objects.penilai_id.name")),
            para("Standard", "NIP: ", f("py3o.objects.penilai_id.nip")),
            para("Heading", "Rencana Hasil Kerja"),
            loop('for="rhk in objects.rhk_ids"'),
            para("Strong", f("py3o.rhk.name"), " (", f("py3o.kind_label(rhk)"), ")"),
            loop('for="ind in rhk.indicator_ids"'),
            para(
                "Standard",
                *("- ", f("py3o.ind.name"), ": ", f("py3o.ind.target_qty")),
                *(" ", f("py3o.ind.unit")),
            ),
            loop("/for"),
            loop("/for"),
            para("Standard", ""),
            para("Standard", f"Pegawai yang dinilai, {nbsp} Pejabat penilai kinerja,"),
            para("Standard", ""),
            para("Standard", ""),
            para(
                "Standard",
                f("py3o.objects.employee_id.name"),
                f" {nbsp} ",
                f("py3o.objects.penilai_id.name"),
            ),
        ]
    )


# ---------------------------------------------------------------- evaluation form


def evaluation_form():
    """kilap_scoring/report/kilap_evaluation_form.odt: fields show their expression."""
    doc = Document(
        'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:0.5" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/"',
        [
            ("Standard",),
            (
                "Heading",
                '<style:text-properties fo:font-size="14pt" fo:font-weight="bold"/>',
            ),
        ],
        "<dc:title>Evaluasi Kinerja Pegawai</dc:title>",
    )
    x = doc.expr
    rhk = [f"rhk['{k}']" for k in ("number", "name", "indicators", "target")]
    rhk += ["rhk['realisation']", "rhk['feedback']"]
    return doc.files(
        [
            para("Heading", "EVALUASI KINERJA PEGAWAI PERIODIK"),
            para("Standard", "Periode Penilaian: " + x("objects.period_id.name")),
            table(
                "Pegawai",
                2,
                row("Nama", x("objects.employee_id.name")),
                row("NIP", x("objects.employee_id.nip or ''")),
                row("Jabatan", x("objects.employee_id.jabatan_name or ''")),
                row("Unit Kerja", x("objects.department_id.name or ''")),
                row("Pejabat Penilai", x("objects.penilai_id.name or ''")),
            ),
            para("Heading", "Hasil Kerja"),
            table(
                "HasilKerja",
                6,
                row(
                    *("No", "Rencana Hasil Kerja", "Indikator", "Target"),
                    *("Realisasi", "Umpan Balik"),
                ),
                row(link('for="rhk in objects._kilap_evaluation_rows()"'), *[""] * 5),
                row(*(x(e) for e in rhk)),
                row(link("/for"), *[""] * 5),
            ),
            table(
                "Nilai",
                2,
                row("Nilai Kinerja", x("objects.kinerja_score")),
                row("Nilai Disiplin", x("objects.disiplin_score")),
                row("Indeks", x("objects.total_score")),
                row("Rating Hasil Kerja", x("objects._kilap_label('rating_hasil')")),
                row(
                    "Rating Perilaku Kerja",
                    x("objects._kilap_label('rating_perilaku')"),
                ),
                row("Predikat Kinerja", x("objects._kilap_label('predikat')")),
            ),
            para("Standard", "Umpan Balik: " + x("objects.feedback or ''")),
            table(
                "TandaTangan",
                2,
                row("Pegawai yang Dinilai", "Pejabat Penilai Kinerja"),
                row("", ""),
                row(x("objects.employee_id.name"), x("objects.penilai_id.name or ''")),
                row(
                    "NIP " + x("objects.employee_id.nip or ''"),
                    "NIP " + x("objects.penilai_id.nip or ''"),
                ),
            ),
        ]
    )


TEMPLATES = {
    "addons/kilap_activity/report/kilap_skp.odt": skp,
    "addons/kilap_scoring/report/kilap_evaluation_form.odt": evaluation_form,
}


def odt_members(path):
    """{name: bytes} of an existing .odt (None when absent or unreadable)."""
    try:
        with zipfile.ZipFile(path) as odt:
            return {name: odt.read(name) for name in odt.namelist()}
    except (OSError, zipfile.BadZipFile):
        return None


def write_odt(path, files):
    """mimetype first and stored (the ODF rule), the rest deflated; fixed dates."""
    with zipfile.ZipFile(path, "w") as odt:
        odt.writestr(zipfile.ZipInfo("mimetype"), MIMETYPE, zipfile.ZIP_STORED)
        for name, data in files.items():
            odt.writestr(zipfile.ZipInfo(name), data, zipfile.ZIP_DEFLATED)


def cmd_odt(args):
    differ = []
    for rel, build in TEMPLATES.items():
        path = REPO / rel
        files = build()
        if odt_members(path) == {"mimetype": MIMETYPE.encode(), **files}:
            say(f"  {rel}: unchanged")
            continue
        differ.append(rel)
        if args.check:
            say(f"  {rel}: differs from its layout in tools/kilap/odt.py")
        else:
            write_odt(path, files)
            say(f"  {rel}: written")
    return 1 if args.check and differ else 0
