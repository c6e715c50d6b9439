"""KILAP for Odoo - the project tooling behind ./kilap, one module per job.

``cli`` parses the command line; ``env`` finds Odoo and builds the venv; ``db`` talks to
PostgreSQL; ``server`` renders the Odoo configuration and runs odoo-bin; ``odoodb`` makes
databases with click-odoo-contrib; ``tally`` keeps the closing line; ``demo``,
``testrun``, ``lint``, ``scale`` (generate/bench), ``pot`` and ``odt`` are the commands;
``generate`` and ``bench`` run inside Odoo in a child process.  Nothing is imported here,
so that ``-p kilap.pytest_plugin`` and the Odoo-side packages load only what they need.
"""
