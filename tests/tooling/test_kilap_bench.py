"""Pure parts of the benchmarks (tools/kilap/bench/): the query shapes that --queries counts."""

import pytest
from kilap.bench.measure import query_shape


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
def test_query_shape(query, shape):
    assert query_shape(query) == shape
