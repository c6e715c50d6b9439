"""PermenPANRB 6/2022 predikat matrix, pure Python.

The matrix itself is data in Odoo; DEFAULT_MATRIX mirrors the regulation and is
what the data file loads, so a pemda may change cells without changing code.
"""

BELOW, MEETS, ABOVE = "below", "meets", "above"
RATINGS = (BELOW, MEETS, ABOVE)

SANGAT_BAIK = "sangat_baik"
BAIK = "baik"
BUTUH_PERBAIKAN = "butuh_perbaikan"
KURANG = "kurang"
SANGAT_KURANG = "sangat_kurang"

# (rating hasil kerja, rating perilaku) -> predikat
DEFAULT_MATRIX = {
    (ABOVE, BELOW): KURANG,
    (ABOVE, MEETS): BAIK,
    (ABOVE, ABOVE): SANGAT_BAIK,
    (MEETS, BELOW): KURANG,
    (MEETS, MEETS): BAIK,
    (MEETS, ABOVE): BAIK,
    (BELOW, BELOW): SANGAT_KURANG,
    (BELOW, MEETS): BUTUH_PERBAIKAN,
    (BELOW, ABOVE): BUTUH_PERBAIKAN,
}


def predikat(hasil, perilaku, matrix=None):
    """Predikat for the two ratings; KeyError on an unknown rating."""
    return (matrix or DEFAULT_MATRIX)[(hasil, perilaku)]
