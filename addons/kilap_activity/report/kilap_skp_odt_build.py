# ruff: noqa: E501
"""Build ``kilap_skp.odt``, the py3o template of the SKP document.

Run ``python kilap_skp_odt_build.py`` after editing; the .odt is committed. Written with
the standard library only so no office suite is needed to maintain the template.
"""

import pathlib
import zipfile
from xml.sax.saxutils import escape, quoteattr

NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:xlink="http://www.w3.org/1999/xlink" '
    'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
    'office:version="1.2"'
)

FIELDS = {
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


def field(name):
    return (
        f"<text:user-field-get text:name={quoteattr(name)}>"
        f"{escape(FIELDS[name])}</text:user-field-get>"
    )


def link(instruction):
    href = quoteattr(f"py3o://{instruction}")
    return f'<text:p><text:a xlink:type="simple" xlink:href={href}>{escape(instruction)}</text:a></text:p>'


def para(style, *parts):
    return f'<text:p text:style-name="{style}">{"".join(parts)}</text:p>'


def build(path):
    decls = "".join(
        f'<text:user-field-decl office:value-type="string" '
        f"office:string-value={quoteattr(v)} text:name={quoteattr(k)}/>"
        for k, v in FIELDS.items()
    )
    body = "".join(
        [
            para("Title", "SASARAN KINERJA PEGAWAI (SKP)"),
            para("Center", field("py3o.objects.company_id.name")),
            para(
                "Center",
                "Tahun ",
                field("py3o.objects.year"),
                " - Revisi ",
                field("py3o.objects.revision"),
            ),
            para("Heading", "Pegawai yang dinilai"),
            para("Standard", "Nama: ", field("py3o.objects.employee_id.name")),
            para("Standard", "NIP: ", field("py3o.objects.employee_id.nip")),
            para(
                "Standard", "Jabatan: ", field("py3o.objects.employee_id.jabatan_name")
            ),
            para("Standard", "Unit kerja: ", field("py3o.objects.department_id.name")),
            para("Heading", "Pejabat penilai kinerja"),
            para("Standard", "Nama: ", field("py3o.objects.penilai_id.name")),
            para("Standard", "NIP: ", field("py3o.objects.penilai_id.nip")),
            para("Heading", "Rencana Hasil Kerja"),
            link('for="rhk in objects.rhk_ids"'),
            para(
                "Strong",
                field("py3o.rhk.name"),
                " (",
                field("py3o.kind_label(rhk)"),
                ")",
            ),
            link('for="ind in rhk.indicator_ids"'),
            para(
                "Standard",
                "- ",
                field("py3o.ind.name"),
                ": ",
                field("py3o.ind.target_qty"),
                " ",
                field("py3o.ind.unit"),
            ),
            link("/for"),
            link("/for"),
            para("Standard", ""),
            para(
                "Standard",
                "Pegawai yang dinilai, \u00a0\u00a0\u00a0\u00a0 Pejabat penilai kinerja,",
            ),
            para("Standard", ""),
            para("Standard", ""),
            para(
                "Standard",
                field("py3o.objects.employee_id.name"),
                " \u00a0\u00a0\u00a0\u00a0 ",
                field("py3o.objects.penilai_id.name"),
            ),
        ]
    )
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {NS}>'
        "<office:automatic-styles/><office:body><office:text>"
        f"<text:user-field-decls>{decls}</text:user-field-decls>{body}"
        "</office:text></office:body></office:document-content>"
    )
    styles = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-styles {NS}><office:styles>'
        '<style:style style:name="Standard" style:family="paragraph">'
        '<style:text-properties fo:font-size="11pt"/></style:style>'
        '<style:style style:name="Title" style:family="paragraph">'
        '<style:paragraph-properties fo:text-align="center"/>'
        '<style:text-properties fo:font-size="14pt" fo:font-weight="bold"/></style:style>'
        '<style:style style:name="Center" style:family="paragraph">'
        '<style:paragraph-properties fo:text-align="center"/></style:style>'
        '<style:style style:name="Heading" style:family="paragraph">'
        '<style:paragraph-properties fo:margin-top="0.3cm"/>'
        '<style:text-properties fo:font-weight="bold"/></style:style>'
        '<style:style style:name="Strong" style:family="paragraph">'
        '<style:text-properties fo:font-weight="bold"/></style:style>'
        "</office:styles></office:document-styles>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"'
        ' manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:version="1.2"'
        ' manifest:media-type="application/vnd.oasis.opendocument.text"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        '<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>'
        '<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    meta = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-meta {NS}>'
        "<office:meta><meta:generator>KILAP</meta:generator></office:meta>"
        "</office:document-meta>"
    )
    with zipfile.ZipFile(path, "w") as odt:
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


if __name__ == "__main__":
    build(pathlib.Path(__file__).with_name("kilap_skp.odt"))
