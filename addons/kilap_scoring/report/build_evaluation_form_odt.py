# ruff: noqa: E501 (XML literals read better unwrapped)
"""Build report/kilap_evaluation_form.odt, the py3o template of the evaluation form.

Run ``python3 build_evaluation_form_odt.py`` after changing the layout; the ODT is
committed so Odoo never needs this script. Stdlib only (zipfile): a minimal valid
ODT whose py3o user fields and loop links the report_py3o engine fills in.
"""

import pathlib
import zipfile
from xml.sax.saxutils import escape, quoteattr

HERE = pathlib.Path(__file__).resolve().parent
NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:xlink="http://www.w3.org/1999/xlink" '
    'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:0.5" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.2"'
)
FIELDS = []


def field(expr):
    """A py3o user field showing ``expr``."""
    name = f"py3o.{expr}"
    if name not in FIELDS:
        FIELDS.append(name)
    return f"<text:user-field-get text:name={quoteattr(name)}>{escape(expr)}</text:user-field-get>"


def link(directive):
    return (
        f'<text:a xlink:type="simple" xlink:href={quoteattr("py3o://" + directive)}>'
        f"{escape(directive)}</text:a>"
    )


def para(content, style="Standard"):
    return f'<text:p text:style-name="{style}">{content}</text:p>'


def cell(content):
    return f'<table:table-cell office:value-type="string">{para(content)}</table:table-cell>'


def row(*cells):
    return "<table:table-row>" + "".join(cell(c) for c in cells) + "</table:table-row>"


def table(name, columns, rows):
    return (
        f'<table:table table:name="{name}">'
        f'<table:table-column table:number-columns-repeated="{columns}"/>'
        + "".join(rows)
        + "</table:table>"
    )


def build():
    body = [
        para("EVALUASI KINERJA PEGAWAI PERIODIK", "Heading"),
        para("Periode Penilaian: " + field("objects.period_id.name")),
        table(
            "Pegawai",
            2,
            [
                row("Nama", field("objects.employee_id.name")),
                row("NIP", field("objects.employee_id.nip or ''")),
                row("Jabatan", field("objects.employee_id.jabatan_name or ''")),
                row("Unit Kerja", field("objects.department_id.name or ''")),
                row("Pejabat Penilai", field("objects.penilai_id.name or ''")),
            ],
        ),
        para("Hasil Kerja", "Heading"),
        table(
            "HasilKerja",
            6,
            [
                row(
                    "No",
                    "Rencana Hasil Kerja",
                    "Indikator",
                    "Target",
                    "Realisasi",
                    "Umpan Balik",
                ),
                row(
                    link('for="rhk in objects._kilap_evaluation_rows()"'),
                    "",
                    "",
                    "",
                    "",
                    "",
                ),
                row(
                    field("rhk['number']"),
                    field("rhk['name']"),
                    field("rhk['indicators']"),
                    field("rhk['target']"),
                    field("rhk['realisation']"),
                    field("rhk['feedback']"),
                ),
                row(link("/for"), "", "", "", "", ""),
            ],
        ),
        table(
            "Nilai",
            2,
            [
                row("Nilai Kinerja", field("objects.kinerja_score")),
                row("Nilai Disiplin", field("objects.disiplin_score")),
                row("Indeks", field("objects.total_score")),
                row(
                    "Rating Hasil Kerja", field("objects._kilap_label('rating_hasil')")
                ),
                row(
                    "Rating Perilaku Kerja",
                    field("objects._kilap_label('rating_perilaku')"),
                ),
                row("Predikat Kinerja", field("objects._kilap_label('predikat')")),
            ],
        ),
        para("Umpan Balik: " + field("objects.feedback or ''")),
        table(
            "TandaTangan",
            2,
            [
                row("Pegawai yang Dinilai", "Pejabat Penilai Kinerja"),
                row("", ""),
                row(
                    field("objects.employee_id.name"),
                    field("objects.penilai_id.name or ''"),
                ),
                row(
                    "NIP " + field("objects.employee_id.nip or ''"),
                    "NIP " + field("objects.penilai_id.nip or ''"),
                ),
            ],
        ),
    ]
    decls = "".join(
        f'<text:user-field-decl office:value-type="string" office:string-value="" '
        f"text:name={quoteattr(name)}/>"
        for name in FIELDS
    )
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {NS}>'
        "<office:automatic-styles/><office:body><office:text>"
        f"<text:user-field-decls>{decls}</text:user-field-decls>"
        + "".join(body)
        + "</office:text></office:body></office:document-content>"
    )
    styles = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-styles {NS}><office:styles>'
        '<style:style style:name="Standard" style:family="paragraph"/>'
        '<style:style style:name="Heading" style:family="paragraph">'
        '<style:text-properties fo:font-size="14pt" fo:font-weight="bold"/></style:style>'
        "</office:styles></office:document-styles>"
    )
    meta = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-meta {NS}><office:meta>'
        "<dc:title>Evaluasi Kinerja Pegawai</dc:title></office:meta></office:document-meta>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"'
        ' manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:version="1.2" '
        'manifest:media-type="application/vnd.oasis.opendocument.text"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        '<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>'
        '<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    target = HERE / "kilap_evaluation_form.odt"
    with zipfile.ZipFile(target, "w") as odt:
        odt.writestr(
            zipfile.ZipInfo("mimetype"),
            "application/vnd.oasis.opendocument.text",
            compress_type=zipfile.ZIP_STORED,
        )
        for name, data in (
            ("content.xml", content),
            ("styles.xml", styles),
            ("meta.xml", meta),
            ("META-INF/manifest.xml", manifest),
        ):
            odt.writestr(name, data, compress_type=zipfile.ZIP_DEFLATED)
    return target


if __name__ == "__main__":
    build()
