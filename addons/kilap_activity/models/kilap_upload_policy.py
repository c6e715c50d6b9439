import base64
import os

from odoo import api, models
from odoo.exceptions import UserError
from odoo.tools.image import ImageProcess
from odoo.tools.mimetypes import guess_mimetype

IMAGE_TYPES = {"image/jpeg": ".jpg", "image/png": ".png", "image/gif": ".gif"}
DOCUMENT_TYPES = {"application/pdf": ".pdf"}


class KilapUploadPolicy(models.AbstractModel):
    """The one upload policy of every KILAP route (portal, phone page, forms).

    The type is read from the bytes (Odoo's own guess), never from the name or
    the declared type; the size has a per-company limit; images must decode and
    are re-encoded, which also drops their EXIF data (phone photos carry their
    GPS position there).
    """

    _name = "kilap.upload.policy"
    _description = "KILAP Upload Policy"

    @api.model
    def _kilap_clean(self, name, raw, company=None, images_only=False):
        """``(name, mimetype, bytes)`` safe to store, or a translated UserError."""
        company = (company or self.env.company).sudo()
        limit_mb = company.kilap_upload_max_mb or 8
        if not raw:
            raise UserError(self.env._("The file %s is empty.", name or ""))
        if len(raw) > limit_mb * 1024 * 1024:
            raise UserError(
                self.env._(
                    "The file %(name)s is too large: at most %(limit)s MB.",
                    name=name or "",
                    limit=limit_mb,
                )
            )
        mimetype = guess_mimetype(raw, default="application/octet-stream")
        allowed = dict(IMAGE_TYPES) if images_only else IMAGE_TYPES | DOCUMENT_TYPES
        if mimetype not in allowed:
            raise UserError(
                self.env._(
                    "The file %(name)s is not allowed: only photos (JPEG, PNG, GIF)"
                    "%(docs)s can be uploaded.",
                    name=name or "",
                    docs="" if images_only else self.env._(" and PDF documents"),
                )
            )
        if mimetype in IMAGE_TYPES:
            raw = self._kilap_reencode(name, raw)
        stem = os.path.splitext(os.path.basename(name or ""))[0][:100] or "upload"
        return stem + allowed[mimetype], mimetype, raw

    @api.model
    def _kilap_reencode(self, name, raw):
        try:
            image = ImageProcess(raw)
            return image.image_quality(quality=90)
        except (UserError, ValueError, OSError):
            raise UserError(
                self.env._("The photo %s could not be read. Take it again.", name or "")
            ) from None

    @api.model
    def _kilap_attach(self, record, files, company=None, images_only=False):
        """Store ``files`` (``(name, bytes)`` pairs) on ``record`` as superuser,
        after the policy: all or nothing. Returns the attachments."""
        cleaned = [
            self._kilap_clean(name, raw, company, images_only) for name, raw in files
        ]
        return (
            self.env["ir.attachment"]
            .sudo()
            .create(
                [
                    {
                        "name": clean_name,
                        "datas": base64.b64encode(data),
                        "mimetype": mimetype,
                        "res_model": record._name,
                        "res_id": record.id,
                    }
                    for clean_name, mimetype, data in cleaned
                ]
            )
        )
