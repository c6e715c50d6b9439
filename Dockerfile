# Odoo 19 (official image) + the OCA wheels and py3o libraries KILAP needs.
# Used by docker-compose.yml; the KILAP add-ons themselves are bind-mounted, not copied.
FROM odoo:19

USER root

# OCA payroll, report_py3o and queue_job as wheels, WITHOUT their `odoo` dependency (Odoo is the image's).
# --target keeps them in one fixed folder, listed in config/odoo.docker.conf's addons_path.
# py3o.template/py3o.formats go to the system Python that runs Odoo (Ubuntu noble: PEP 668).
RUN pip3 install --no-cache-dir --no-deps --target /opt/kilap/oca \
        odoo-addon-payroll==19.0.1.0.2.1 \
        odoo-addon-report_py3o==19.0.1.0.0.4 \
        odoo-addon-queue_job==19.0.2.4.0.1 \
    && pip3 install --no-cache-dir --break-system-packages \
        py3o.template==0.10.0 \
        py3o.formats==0.3 \
        openupgradelib==3.13.7 \
    && test -f /opt/kilap/oca/odoo/addons/payroll/__manifest__.py \
    && test -f /opt/kilap/oca/odoo/addons/report_py3o/__manifest__.py \
    && test -f /opt/kilap/oca/odoo/addons/queue_job/__manifest__.py

# The font KILAP's PDF reports print in: wkhtmltopdf embeds a system font as a font
# (a web font it draws as paths); see kilap_activity/static/src/scss/kilap_report.scss.
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

# Optional: LibreOffice to convert py3o (ODT) reports to PDF. Large; off by default.
ARG WITH_LIBREOFFICE=false
RUN if [ "$WITH_LIBREOFFICE" = "true" ]; then \
        apt-get update \
        && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends libreoffice-writer-nogui \
        && rm -rf /var/lib/apt/lists/*; \
    fi

USER odoo
