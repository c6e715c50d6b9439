"""Benchmarks B1-B4 (BENCHMARKS.md): ``measure`` times the stages, ``b1``..``b4`` are the
scenarios, ``__main__`` runs B1/B3/B4 inside Odoo and ``b2`` drives a server over HTTP."""
