"""requirements/: pins and the overrides applied to Odoo's requirements.txt."""

import re

from kilap import env

ODOO_SAMPLE = """\
# The officially supported versions ...
cbor2==5.4.2 ; python_version < '3.12'
cbor2==5.6.2 ; python_version >= '3.12'
lxml==4.9.3 ; python_version > '3.10' and python_version < '3.12' # comment
psycopg2==2.9.5 ; python_version == '3.11'
psycopg2==2.9.9 ; python_version >= '3.12' and python_version < '3.13' # (Noble)
python-ldap==3.4.0 ; sys_platform != 'win32' and python_version < '3.12'
pytz  # no version pinning
python_stdnum==1.19 ; python_version >= '3.11'
"""


def test_overrides_file_parses(repo):
    overrides = env.parse_overrides(
        (repo / "requirements" / "odoo-overrides.txt").read_text()
    )
    assert overrides["python-ldap"] == []
    assert any(r.startswith("psycopg2-binary==") for r in overrides["psycopg2"])
    assert overrides["cbor2"] == ["cbor2==5.6.2"]


def test_filter_replaces_and_drops(repo):
    overrides = env.parse_overrides(
        (repo / "requirements" / "odoo-overrides.txt").read_text()
    )
    out = env.filter_requirements(ODOO_SAMPLE, overrides)
    lines = [ln for ln in out.splitlines() if not ln.startswith("#")]
    assert not any(
        ln.startswith(("python-ldap", "psycopg2==", "cbor2==5.4.2")) for ln in lines
    )
    assert "cbor2==5.6.2" in lines and lines.count("cbor2==5.6.2") == 1
    assert any(ln.startswith("psycopg2-binary==2.9.9") for ln in lines)
    # untouched lines keep their markers; names are matched after normalisation
    assert any(ln.startswith("lxml==4.9.3 ; python_version > '3.10'") for ln in lines)
    assert "pytz  # no version pinning" in lines
    assert any(ln.startswith("python_stdnum==1.19") for ln in lines)


def test_name_normalisation():
    overrides = env.parse_overrides("Python_LDAP =>\n")
    assert "python-ldap" in overrides
    out = env.filter_requirements("python-ldap==3.4.0\nfoo==1\n", overrides)
    assert "python-ldap" not in out and "foo==1" in out


def test_everything_pinned(repo):
    for name in ("dev.txt", "oca-addons.txt", "bootstrap.txt"):
        for raw in (repo / "requirements" / name).read_text().splitlines():
            line = raw.split("#", 1)[0].strip()
            if line:
                assert re.match(r"^[A-Za-z0-9._-]+==[^ ;]+( ;.*)?$", line), (
                    f"{name}: unpinned {raw!r}"
                )


def test_required_tools_listed(repo):
    text = (repo / "requirements" / "dev.txt").read_text().lower()
    for package in (
        "py3o.template",
        "py3o.formats",
        "pytest-odoo",
        "psycopg2",
        "click-odoo-contrib",
        "pylint-odoo",
        "ruff",
    ):
        assert package in text
    oca = (repo / "requirements" / "oca-addons.txt").read_text()
    assert "odoo-addon-payroll==19.0.1.0.2.1" in oca
    assert "odoo-addon-report_py3o==19.0.1.0.0.4" in oca


def test_stamp_changes_with_odoo(tmp_path):
    fake = tmp_path / "odoo"
    fake.mkdir()
    (fake / "requirements.txt").write_text("a==1\n")
    first = env.requirements_stamp(fake)
    assert first == env.requirements_stamp(fake)
    (fake / "requirements.txt").write_text("a==2\n")
    assert env.requirements_stamp(fake) != first
    assert env.requirements_stamp(None) != first
