"""./kilap odt (tools/kilap/odt.py): the committed py3o templates are what the builder
makes, member by member, and a build is the same bytes every time."""

import zipfile

from kilap import odt


def test_committed_templates_match_their_layout(repo):
    assert len(odt.TEMPLATES) == 2
    for rel, build in odt.TEMPLATES.items():
        committed = odt.odt_members(repo / rel)
        assert committed is not None, rel
        assert committed == {"mimetype": odt.MIMETYPE.encode(), **build()}, rel


def test_build_is_reproducible_and_valid(tmp_path):
    one, two = tmp_path / "one.odt", tmp_path / "two.odt"
    odt.write_odt(one, odt.skp())
    odt.write_odt(two, odt.skp())
    assert one.read_bytes() == two.read_bytes()
    with zipfile.ZipFile(one) as archive:
        first = archive.infolist()[0]
        # ODF: the uncompressed mimetype comes first
        assert first.filename == "mimetype"
        assert first.compress_type == zipfile.ZIP_STORED
        assert "py3o.objects.employee_id.nip" in archive.read("content.xml").decode()


def test_evaluation_form_fields_show_their_expression():
    content = odt.evaluation_form()["content.xml"].decode()
    assert (
        '<text:user-field-get text:name="py3o.objects.kinerja_score">'
        "objects.kinerja_score</text:user-field-get>"
    ) in content
    assert (
        "xlink:href='py3o://for=\"rhk in objects._kilap_evaluation_rows()\"'" in content
    )
