"""The data generator: a realistic pemda (Gorontalo Utara, WITA) at any size.

``plan`` (pure, seeded) decides everything; ``run`` writes it through ``setup``,
``people`` and ``activity``; ``rows`` holds the bulk writers shared with the benchmarks.
Run through ``./kilap generate --employees N --days D --seed S [--db NAME]``.
"""
