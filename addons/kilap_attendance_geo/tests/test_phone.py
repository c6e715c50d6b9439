"""The staff phone page: routes (HttpCase) and the page itself in headless Chromium."""

import base64
import datetime
import gzip
import io
import json
import logging
import re

from odoo import fields
from odoo.tests import HttpCase, tagged
from odoo.tests.common import JsonRpcException

from odoo.addons.kilap_activity.tests.common import role_groups

from .common import KWANDANG, KilapGeoCase

_logger = logging.getLogger(__name__)

# 1x1 PNG
PNG = (
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42"
    "mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)
# A point 5 km north of the office: a field-duty destination
DESTINATION = (KWANDANG[0] + 0.045, KWANDANG[1])


class PhoneCase(HttpCase, KilapGeoCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.phone_user, cls.phone_employee = cls.make_user(
            "phone_pegawai",
            role_groups("pegawai"),
            employee=cls._emp_vals("Pegawai Telepon", cls.opd_sub, cls.atasan),
            password="phone_pegawai",
            tz="Asia/Makassar",
        )
        cls.portal_user, cls.portal_employee = cls.make_user(
            "phone_portal",
            "base.group_portal",
            employee=cls._emp_vals("Pegawai Portal", cls.opd_sub, cls.atasan),
            password="phone_portal",
            tz="Asia/Makassar",
        )
        cls.no_employee_user, _ = cls.make_user(
            "phone_nobody", "base.group_portal", password="phone_nobody"
        )

    def attendances(self, employee):
        return self.env["hr.attendance"].search([("employee_id", "=", employee.id)])

    def entries(self, employee):
        return (
            self.env["kilap.journal.entry"]
            .with_context(active_test=False)
            .search([("employee_id", "=", employee.id)])
        )

    def page_state(self, html):
        match = re.search(r'data-state="([^"]*)"', html)
        self.assertTrue(match, "the page embeds its state")
        from html import unescape

        return json.loads(unescape(match.group(1)))

    def journal_item(self, uuid, **vals):
        item = {
            "uuid": uuid,
            "time_start": "08:00",
            "time_end": "09:15",
            "description": "Menyusun laporan bulanan\nrincian",
            "output_qty": 2,
            "submit": True,
            "photo": {"name": "bukti.png", "mimetype": "image/png", "data": PNG},
        }
        item.update(vals)
        return item


@tagged("post_install", "-at_install")
class TestPhoneRoutes(PhoneCase):
    def test_page_renders_light_and_accessible(self):
        self.authenticate("phone_pegawai", "phone_pegawai")
        response = self.url_open("/my/kilap")
        self.assertEqual(response.status_code, 200)
        html = response.text
        self.assertIn("<!DOCTYPE html>", html)
        self.assertIn('<html lang="', html)
        self.assertNotIn("/web/assets/", html, "no Odoo asset bundle on the phone page")
        self.assertIn('capture="environment"', html)
        self.assertIn('href="/my/kilap/manifest.webmanifest"', html)
        for field_id in ("k-desc", "k-start", "k-end", "k-qty", "k-photo"):
            self.assertIn(f'for="{field_id}"', html, "every input has a label")
        state = self.page_state(html)
        self.assertEqual(state["employee"], "Pegawai Telepon")
        self.assertFalse(state["checked_in"])
        self.assertEqual([f["name"] for f in state["fences"]], ["Kantor Uji"])
        self.assertEqual(state["fences"][0]["radius"], 100)

    def test_page_in_indonesian(self):
        self.env["res.lang"]._activate_lang("id_ID")
        self.env["ir.module.module"]._load_module_terms(
            ["kilap_attendance_geo"], ["id_ID"], overwrite=True
        )
        self.phone_user.lang = "id_ID"
        self.authenticate("phone_pegawai", "phone_pegawai")
        html = self.url_open("/my/kilap").text
        self.assertIn('<html lang="id">', html)
        for text in ("Hari ini", "Presensi Masuk", "Apa yang Anda kerjakan?"):
            self.assertIn(text, html)
        self.assertIn("Belum presensi masuk", self.page_state(html)["status_text"])
        self.assertIn("Daring", html)

    def test_page_for_portal_user_and_without_employee(self):
        self.authenticate("phone_portal", "phone_portal")
        response = self.url_open("/my/kilap")
        self.assertEqual(self.page_state(response.text)["employee"], "Pegawai Portal")
        home = self.url_open("/my").text
        self.assertIn('href="/my/kilap"', home, "the portal home links the phone page")
        result = self.make_jsonrpc_request(
            "/kilap/attendance/check",
            {"latitude": KWANDANG[0], "longitude": KWANDANG[1], "accuracy": 8},
        )
        self.assertTrue(result["ok"], result)
        self.assertEqual(
            self.attendances(self.portal_employee).kilap_in_fence_id, self.fence
        )
        state = self.make_jsonrpc_request("/kilap/phone/state", {})
        self.assertTrue(state["checked_in"])
        self.authenticate("phone_nobody", "phone_nobody")
        response = self.url_open("/my/kilap")
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("kilap-app", response.text)
        with self.assertRaises(JsonRpcException):
            self.make_jsonrpc_request("/kilap/phone/state", {})

    def test_state_after_check_in(self):
        self.authenticate("phone_pegawai", "phone_pegawai")
        self.make_jsonrpc_request(
            "/kilap/attendance/check",
            {"latitude": KWANDANG[0], "longitude": KWANDANG[1], "accuracy": 8},
        )
        state = self.make_jsonrpc_request("/kilap/phone/state", {})
        self.assertTrue(state["checked_in"])
        self.assertNotEqual(state["status_text"], "")

    def test_service_worker_manifest_and_icons(self):
        response = self.url_open("/my/kilap/sw.js")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Service-Worker-Allowed"], "/my/kilap")
        self.assertIn("javascript", response.headers["Content-Type"])
        manifest = self.url_open("/my/kilap/manifest.webmanifest").json()
        self.assertEqual(manifest["start_url"], "/my/kilap")
        self.assertEqual(manifest["display"], "standalone")
        self.assertTrue(manifest["theme_color"].startswith("#"))
        from PIL import Image

        sizes = set()
        for icon in manifest["icons"]:
            png = self.url_open(icon["src"])
            self.assertEqual(png.status_code, 200)
            image = Image.open(io.BytesIO(png.content))
            self.assertEqual(f"{image.width}x{image.height}", icon["sizes"])
            sizes.add(icon["sizes"])
        self.assertEqual(sizes, {"192x192", "512x512"})

    def test_page_weight(self):
        """Bytes a phone downloads for the page: HTML + CSS + JS + manifest + icon."""
        self.authenticate("phone_pegawai", "phone_pegawai")
        html = self.url_open("/my/kilap").content
        parts = {"html": html}
        for src in re.findall(rb'(?:href|src)="(/[^"]+)"', html):
            path = src.decode()
            if path.startswith(("/kilap_attendance_geo/static/", "/my/kilap/manifest")):
                parts[path] = self.url_open(path).content
        raw = sum(len(body) for body in parts.values())
        zipped = sum(len(gzip.compress(body)) for body in parts.values())
        _logger.info(
            "KILAP phone page weight: %s bytes raw, %s bytes gzipped (%s)",
            raw,
            zipped,
            ", ".join(f"{k}={len(v)}" for k, v in parts.items()),
        )
        self.assertLess(raw, 80_000)
        self.assertLess(zipped, 25_000)

    def test_journal_route_and_replay(self):
        self.authenticate("phone_pegawai", "phone_pegawai")
        item = self.journal_item("0b9a7a8e-1111-4c4c-9d9d-000000000001")
        result = self.make_jsonrpc_request("/kilap/phone/journal", {"items": [item]})
        answer = result["results"][0]
        self.assertEqual(answer["status"], "accepted", answer)
        entry = self.entries(self.phone_employee)
        self.assertEqual(len(entry), 1)
        self.assertEqual(entry.id, answer["entry_id"])
        self.assertEqual(entry.state, "submitted")
        self.assertEqual(entry.name, "Menyusun laporan bulanan")
        self.assertEqual(entry.duration_minutes, 75)
        self.assertEqual(entry.output_qty, 2)
        self.assertEqual(entry.attachment_ids.mimetype, "image/png")
        self.assertEqual(entry.kilap_client_uuid, item["uuid"])
        # a replay (the network dropped the first answer) creates nothing
        again = self.make_jsonrpc_request(
            "/kilap/phone/journal", {"items": [item, item]}
        )
        self.assertEqual(
            [r["entry_id"] for r in again["results"]], [entry.id, entry.id]
        )
        self.assertEqual(len(self.entries(self.phone_employee)), 1)
        self.assertEqual(
            self.env["ir.attachment"].search_count(
                [("res_model", "=", "kilap.journal.entry"), ("res_id", "=", entry.id)]
            ),
            1,
        )
        # the same UUID from another employee is refused
        self.authenticate("phone_portal", "phone_portal")
        other = self.make_jsonrpc_request("/kilap/phone/journal", {"items": [item]})
        self.assertEqual(other["results"][0]["status"], "refused")
        self.assertFalse(self.entries(self.portal_employee))

    def test_journal_route_bad_input(self):
        self.authenticate("phone_pegawai", "phone_pegawai")
        with self.assertRaises(JsonRpcException):
            self.make_jsonrpc_request("/kilap/phone/journal", {"items": "nope"})
        with self.assertRaises(JsonRpcException):
            self.make_jsonrpc_request("/kilap/phone/journal", {})
        future = fields.Date.to_string(
            self.phone_employee._kilap_today() + datetime.timedelta(days=3)
        )
        cases = {
            "no uuid": {"uuid": ""},
            "long uuid": {"uuid": "x" * 65},
            "bad time": {"uuid": "u-time", "time_start": "8 pagi"},
            "reversed": {"uuid": "u-rev", "time_start": "10:00", "time_end": "09:00"},
            "no text": {"uuid": "u-text", "description": "   "},
            "bad qty": {"uuid": "u-qty", "output_qty": "banyak"},
            "negative qty": {"uuid": "u-neg", "output_qty": -1},
            "foreign rhk": {"uuid": "u-rhk", "rhk_id": 999999},
            "bad date": {"uuid": "u-date", "date": "31/12/2025"},
            "future": {"uuid": "u-future", "date": future},
            "bad photo": {"uuid": "u-photo", "photo": {"data": "%%%not base64"}},
            "not image": {
                "uuid": "u-pdf",
                "photo": {
                    "name": "a.jpg",
                    "mimetype": "image/jpeg",
                    "data": base64.b64encode(b"%PDF-1.4\n%%EOF\n").decode(),
                },
            },
        }
        items = [self.journal_item(v.pop("uuid"), **v) for v in cases.values()]
        items.append("not an object")
        result = self.make_jsonrpc_request("/kilap/phone/journal", {"items": items})
        for name, answer in zip(
            [*cases, "not an object"], result["results"], strict=True
        ):
            self.assertEqual(answer["status"], "refused", name)
            self.assertTrue(answer["message"], name)
        self.assertFalse(self.entries(self.phone_employee))
        # one bad item does not block a good one
        result = self.make_jsonrpc_request(
            "/kilap/phone/journal",
            {
                "items": [
                    self.journal_item("u-bad", time_start="x"),
                    self.journal_item("u-good", photo=None, submit=False),
                ]
            },
        )
        self.assertEqual(
            [r["status"] for r in result["results"]], ["refused", "accepted"]
        )
        self.assertEqual(self.entries(self.phone_employee).state, "draft")


@tagged("post_install", "-at_install")
class TestPhoneBrowser(PhoneCase):
    """The page in headless Chromium on a phone-sized viewport, GPS stubbed."""

    browser_size = "390x844"

    PRELUDE = """
        const wait = async (cond, what, ms = 20000) => {
            const start = Date.now();
            while (!(await cond())) {
                if (Date.now() - start > ms) { throw new Error("timeout: " + what); }
                await new Promise((r) => setTimeout(r, 100));
            }
        };
        const setGeo = (lat, lon, accuracy) => Object.defineProperty(navigator, "geolocation", {
            configurable: true,
            value: {
                getCurrentPosition: (ok) => setTimeout(() => ok({coords: {latitude: lat, longitude: lon, accuracy}}), 10),
                watchPosition() { return 1; },
                clearWatch() {},
            },
        });
        const $ = (id) => document.getElementById(id);
        const run = (body) => body().then(
            () => console.log("test successful"),
            (e) => console.error("phone test failed: " + e.message + "\\n" + e.stack),
        );
    """  # noqa: E501

    def run_js(self, body, login="phone_pegawai"):
        code = self.PRELUDE + "run(async () => {" + body + "});"
        self.browser_js(
            "/my/kilap", code, ready="window.kilapPhoneReady === true", login=login
        )

    def test_check_in_inside_and_refused_outside(self):
        far = self.north_of(KWANDANG, 400)
        self.run_js(
            f"""
            setGeo({far[0]}, {far[1]}, 12);
            $("k-check").click();
            await wait(() => $("k-msg").classList.contains("error"), "refusal shown");
            if (!$("k-msg").textContent.includes("Kantor Uji")) {{
                throw new Error("refusal names the fence: " + $("k-msg").textContent);
            }}
            if (!$("k-accuracy").textContent.includes("12")) {{ throw new Error("accuracy shown"); }}
            setGeo({KWANDANG[0]}, {KWANDANG[1]}, 9);
            $("k-check").click();
            await wait(() => $("k-msg").classList.contains("ok"), "check-in accepted");
            await wait(() => $("k-check").classList.contains("out"), "button turns to check-out");
            const registration = await Promise.race([
                navigator.serviceWorker.ready,
                new Promise((_, reject) => setTimeout(() => reject(new Error("no service worker")), 15000)),
            ]);
            if (!registration.scope.endsWith("/my/kilap")) {{ throw new Error(registration.scope); }}
            """  # noqa: E501
        )
        attendance = self.attendances(self.phone_employee)
        self.assertEqual(len(attendance), 1)
        self.assertEqual(attendance.kilap_in_fence_id, self.fence)
        self.assertEqual(attendance.in_mode, "kilap_portal")
        self.assertEqual(attendance.in_kilap_accuracy, 9)

    def test_no_permission_explained(self):
        self.run_js(
            """
            Object.defineProperty(navigator, "geolocation", {configurable: true, value: {
                getCurrentPosition: (ok, err) => setTimeout(() => err({code: 1}), 10),
            }});
            $("k-check").click();
            await wait(() => $("k-msg").classList.contains("error"), "permission message");
            """  # noqa: E501
        )
        self.assertFalse(self.attendances(self.phone_employee))

    def test_journal_entry_with_photo(self):
        self.run_js(
            f"""
            const bytes = Uint8Array.from(atob("{PNG}"), (c) => c.charCodeAt(0));
            const transfer = new DataTransfer();
            transfer.items.add(new File([bytes], "bukti.png", {{type: "image/png"}}));
            $("k-photo").files = transfer.files;
            $("k-desc").value = "Rapat koordinasi presensi";
            $("k-start").value = "09:00";
            $("k-end").value = "10:30";
            $("k-qty").value = "1";
            $("k-save").click();
            await wait(() => $("k-journal-msg").classList.contains("ok"), "entry saved");
            await wait(() => $("k-week").textContent.includes("Rapat koordinasi presensi"), "listed");
            """  # noqa: E501
        )
        entry = self.entries(self.phone_employee)
        self.assertEqual(len(entry), 1)
        self.assertEqual(entry.state, "submitted")
        self.assertEqual(entry.duration_minutes, 90)
        self.assertEqual(len(entry.attachment_ids), 1)

    def test_field_duty_check_in(self):
        today = self.phone_employee._kilap_today()
        duty = (
            self.env["kilap.field.duty"]
            .sudo()
            ._kilap_create_in_state(
                {
                    "name": "SPT/094/2025",
                    "employee_ids": [(6, 0, self.phone_employee.ids)],
                    "date_from": today,
                    "date_to": today,
                    "destination": "Kantor Camat Atinggola",
                    "latitude": DESTINATION[0],
                    "longitude": DESTINATION[1],
                    "radius": 200,
                    "purpose": "Monitoring presensi",
                    "state": "approved",
                }
            )
        )
        self.run_js(
            f"""
            await wait(() => !$("k-duty").classList.contains("k-hidden"), "duty shown");
            if (!$("k-duty-dest").textContent.includes("Atinggola")) {{ throw new Error("destination"); }}
            if (!$("k-duty-report").getAttribute("href").endsWith("/{duty.id}")) {{
                throw new Error("report link");
            }}
            setGeo({DESTINATION[0]}, {DESTINATION[1]}, 15);
            $("k-duty-check").click();
            await wait(() => $("k-msg").classList.contains("ok"), "duty check-in accepted");
            if (!$("k-msg").textContent.includes("SPT/094/2025")) {{ throw new Error($("k-msg").textContent); }}
            """  # noqa: E501
        )
        attendance = self.attendances(self.phone_employee)
        self.assertEqual(attendance.kilap_field_duty_id, duty)
        self.assertFalse(attendance.kilap_in_fence_id)

    def test_offline_queue_synced_once(self):
        self.run_js(
            f"""
            const realFetch = window.fetch;
            Object.defineProperty(navigator, "onLine", {{configurable: true, get: () => false}});
            window.fetch = () => Promise.reject(new TypeError("Failed to fetch"));
            window.dispatchEvent(new Event("offline"));
            setGeo({KWANDANG[0]}, {KWANDANG[1]}, 11);
            $("k-check").click();
            await wait(() => document.getElementById("kilap-app").dataset.pending === "1", "check-in queued");
            if (!$("k-msg").classList.contains("warn")) {{ throw new Error("queued message"); }}
            if ($("k-net").textContent === "" || !$("k-net").classList.contains("off")) {{
                throw new Error("offline badge");
            }}
            $("k-desc").value = "Input data pegawai tanpa sinyal";
            $("k-start").value = "10:00";
            $("k-end").value = "11:00";
            $("k-save").click();
            await wait(() => document.getElementById("kilap-app").dataset.pending === "2", "journal queued");
            const queued = await window.kilapPhone.queueAll();
            window.kilapQueued = queued;
            if (!queued.every((i) => i.payload.device_time && i.uuid)) {{ throw new Error("device time"); }}
            // back online
            delete navigator.onLine;
            window.fetch = realFetch;
            window.dispatchEvent(new Event("online"));
            await wait(() => document.getElementById("kilap-app").dataset.pending === "0", "queue synced");
            await wait(() => $("k-check").classList.contains("out"), "checked in after sync");
            // replay the same items: the server answers as before and creates nothing
            const att = queued.filter((i) => i.type === "attendance").map((i) => ({{uuid: i.uuid, ...i.payload}}));
            const jrn = queued.filter((i) => i.type === "journal").map((i) => ({{uuid: i.uuid, ...i.payload}}));
            const call = async (url, items) => (await (await fetch(url, {{method: "POST",
                headers: {{"Content-Type": "application/json"}},
                body: JSON.stringify({{jsonrpc: "2.0", method: "call", params: {{items}}}})}})).json()).result;
            const a = await call("/kilap/attendance/sync", att);
            const j = await call("/kilap/phone/journal", jrn);
            if (a.results[0].status !== "accepted" || j.results[0].status !== "accepted") {{
                throw new Error("replay " + JSON.stringify([a, j]));
            }}
            """  # noqa: E501
        )
        attendance = self.attendances(self.phone_employee)
        self.assertEqual(len(attendance), 1)
        self.assertTrue(
            attendance.kilap_offline or attendance.in_mode == "kilap_offline"
        )
        entry = self.entries(self.phone_employee)
        self.assertEqual(len(entry), 1)
        self.assertEqual(entry.description, "Input data pegawai tanpa sinyal")
        self.assertTrue(entry.kilap_client_uuid)
