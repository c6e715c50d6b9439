"""Pure parts of tools/kilap_bench.py: the query shapes that --queries counts."""

import importlib.util
import sys

import pytest


@pytest.fixture(scope="module")
def bench(repo):
    sys.path.insert(0, str(repo / "tools"))  # kilap_bench imports kilap_generate
    spec = importlib.util.spec_from_file_location(
        "kilap_bench_tool", repo / "tools" / "kilap_bench.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("query", "shape"),
    [
        (
            'INSERT INTO "kilap_attendance_day" ("a") VALUES (1)',
            "INSERT INTO kilap_attendance_day",
        ),
        (
            b'INSERT INTO "hr_payslip_input" ("a") VALUES (1),(2)',
            "INSERT INTO hr_payslip_input",
        ),
        ('UPDATE "hr_payslip" SET "a" = 1', "UPDATE hr_payslip"),
        ("delete from mail_followers where id = 1", "DELETE FROM mail_followers"),
        ('SELECT "e"."id" FROM "hr_employee" "e" WHERE', "SELECT hr_employee"),
        (
            "WITH RECURSIVE t AS (SELECT 1 FROM res_partner) SELECT 1",
            "SELECT res_partner",
        ),
        ('SAVEPOINT "abc"', "SAVEPOINT"),
        ("   ", "?"),
    ],
)
def test_query_shape(bench, query, shape):
    assert bench.query_shape(query) == shape
