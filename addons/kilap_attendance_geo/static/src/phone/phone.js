/* KILAP phone page: check-in/out, quick journal, field duty, offline queue.
 * Plain JS, no framework. State comes embedded in the page (data-state) and from
 * /kilap/phone/state; offline actions queue in IndexedDB and sync when online. */
(function () {
    "use strict";

    const app = document.getElementById("kilap-app");
    if (!app) {
        return;
    }
    const T = JSON.parse(app.dataset.i18n || "{}");
    let state = JSON.parse(app.dataset.state || "{}");
    let lastFix = null;
    let syncing = false;
    const $ = (id) => document.getElementById(id);
    const fmt = (text, values) =>
        text.replace(/%\((\w+)\)s|%s/g, (m, key) =>
            String(key ? values[key] : Array.isArray(values) ? values.shift() : values),
        );
    // times in the office time zone (WIB/WITA/WIT), whatever the phone's setting
    const hhmm = (date) => {
        const options = { hour: "2-digit", minute: "2-digit" };
        try {
            return date.toLocaleTimeString("id-ID", { ...options, timeZone: state.tz });
        } catch {
            return date.toLocaleTimeString("id-ID", options);
        }
    };
    const now = () => hhmm(new Date());

    // ------------------------------------------------------------ network
    class NetworkError extends Error {}

    async function rpc(url, params) {
        let response;
        try {
            response = await window.fetch(url, {
                method: "POST",
                credentials: "same-origin",
                headers: { "Content-Type": "application/json" },
                body: JSON.stringify({ jsonrpc: "2.0", method: "call", id: Date.now(), params }),
            });
        } catch (error) {
            throw new NetworkError(error && error.message);
        }
        if (response.status >= 500 || response.status === 0) {
            throw new NetworkError(String(response.status));
        }
        let data;
        try {
            data = await response.json();
        } catch {
            throw new Error(T.session);
        }
        if (data.error) {
            const err = data.error.data || data.error;
            if ((err.name || "").includes("SessionExpired")) {
                throw new Error(T.session);
            }
            throw new Error(err.message || data.error.message);
        }
        return data.result;
    }

    const isOnline = () => navigator.onLine !== false;

    function uuid4() {
        if (window.crypto && crypto.randomUUID) {
            return crypto.randomUUID();
        }
        const b = crypto.getRandomValues(new Uint8Array(16));
        b[6] = (b[6] & 15) | 64;
        b[8] = (b[8] & 63) | 128;
        const h = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
        return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
    }

    // A random key kept in this browser: binds the phone to the person, never a
    // hardware id (the server keeps only its SHA-256).
    function deviceKey() {
        let key = null;
        try {
            key = localStorage.getItem("kilap-device-key");
        } catch {
            key = null;
        }
        if (!key || !/^[A-Za-z0-9_-]{16,128}$/.test(key)) {
            const bytes = crypto.getRandomValues(new Uint8Array(32));
            key = Array.from(bytes, (x) => x.toString(16).padStart(2, "0")).join("");
            try {
                localStorage.setItem("kilap-device-key", key);
            } catch {
                // private mode: a new key each time, the check-in is reviewed
            }
        }
        return key;
    }

    // ------------------------------------------------------------ IndexedDB queue
    let dbPromise = null;
    function db() {
        if (!dbPromise) {
            dbPromise = new Promise((resolve, reject) => {
                const req = indexedDB.open("kilap-phone", 1);
                req.onupgradeneeded = () =>
                    req.result.createObjectStore("queue", { keyPath: "uuid" });
                req.onsuccess = () => resolve(req.result);
                req.onerror = () => reject(req.error);
            });
        }
        return dbPromise;
    }
    async function store(mode, fn) {
        const conn = await db();
        return new Promise((resolve, reject) => {
            const tx = conn.transaction("queue", mode);
            const req = fn(tx.objectStore("queue"));
            tx.oncomplete = () => resolve(req && req.result);
            tx.onerror = () => reject(tx.error);
        });
    }
    const queueAll = () => store("readonly", (s) => s.getAll());
    const queuePut = (item) => store("readwrite", (s) => s.put(item));
    const queueDel = (key) => store("readwrite", (s) => s.delete(key));

    // ------------------------------------------------------------ geolocation
    function locate() {
        return new Promise((resolve, reject) => {
            if (!navigator.geolocation) {
                reject({ code: -1 });
                return;
            }
            navigator.geolocation.getCurrentPosition(resolve, reject, {
                enableHighAccuracy: true,
                timeout: 20000,
                maximumAge: 0,
            });
        });
    }
    function geoError(error) {
        return (
            { "-1": T.no_geo, 1: T.denied, 2: T.unavailable, 3: T.timeout }[error && error.code] ||
            T.unavailable
        );
    }
    function distance(lat1, lon1, lat2, lon2) {
        const rad = Math.PI / 180;
        const a =
            Math.sin(((lat2 - lat1) * rad) / 2) ** 2 +
            Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lon2 - lon1) * rad) / 2) ** 2;
        return 2 * 6371008.8 * Math.asin(Math.min(1, Math.sqrt(a)));
    }
    async function getFix() {
        const position = await locate();
        const c = position.coords;
        lastFix = {
            latitude: c.latitude,
            longitude: c.longitude,
            accuracy: Math.round(c.accuracy || 0),
        };
        renderFix();
        return lastFix;
    }

    // ------------------------------------------------------------ rendering
    function say(id, text, kind) {
        const el = $(id);
        el.textContent = text || "";
        el.className = `k-msg ${kind || ""}`;
    }
    function renderFix() {
        const fences = state.fences || [];
        if (!fences.length) {
            $("k-fence").textContent = T.no_fence;
        } else if (!lastFix) {
            $("k-fence").textContent = T.tap_locate;
        } else {
            let best = null;
            for (const f of fences) {
                const d = distance(lastFix.latitude, lastFix.longitude, f.lat, f.lon);
                const edge = d - f.radius;
                if (!best || edge < best.edge) {
                    best = { fence: f, d, edge };
                }
            }
            $("k-fence").textContent =
                best.edge <= 0
                    ? fmt(T.inside, { name: best.fence.name, distance: Math.round(best.d) })
                    : fmt(T.nearest, {
                          name: best.fence.name,
                          distance: Math.ceil(best.edge),
                          radius: best.fence.radius,
                      });
        }
        if (lastFix) {
            $("k-accuracy").textContent = fmt(T.accuracy, String(lastFix.accuracy));
            const duty = state.duty;
            if (duty && !duty.anywhere) {
                const d = distance(lastFix.latitude, lastFix.longitude, duty.lat, duty.lon);
                $("k-duty-distance").textContent = fmt(T.duty_distance, String(Math.round(d)));
            }
        }
    }
    function li(text, stateClass, label) {
        const item = document.createElement("li");
        const span = document.createElement("span");
        span.textContent = text;
        item.append(span);
        if (label) {
            const badge = document.createElement("span");
            badge.className = `k-state ${stateClass}`;
            badge.textContent = label;
            item.append(badge);
        }
        return item;
    }
    function render() {
        $("k-date").textContent = state.date_label;
        $("k-schedule").textContent = state.schedule_text;
        $("k-status").textContent = state.status_text;
        const punctual = $("k-punctual");
        punctual.textContent = state.punctual_text || "-";
        punctual.className = state.punctual_class || "";
        const logged = state.journal_logged || 0;
        const scheduled = state.journal_scheduled || 0;
        $("k-journal-min").textContent = fmt(T.minutes, { logged, scheduled });
        $("k-journal-bar").style.width =
            `${scheduled ? Math.min(100, (100 * logged) / scheduled) : 0}%`;
        $("k-selfie-note").classList.toggle("k-hidden", (state.selfie || "off") === "off");
        const check = $("k-check");
        check.textContent = state.checked_in ? T.check_out : T.check_in;
        check.classList.toggle("out", Boolean(state.checked_in));
        const duty = state.duty;
        $("k-duty").classList.toggle("k-hidden", !duty);
        if (duty) {
            $("k-duty-name").textContent = duty.name;
            $("k-duty-dates").textContent = duty.dates;
            $("k-duty-dest").textContent = duty.destination;
            $("k-duty-report").href = duty.report_url;
            $("k-duty-check").classList.toggle("k-hidden", Boolean(state.checked_in));
        }
        const week = $("k-week");
        week.replaceChildren();
        for (const e of state.entries || []) {
            week.append(li(`${e.date} ${e.time} · ${e.name}`, e.state, e.state_label));
        }
        if (!week.children.length) {
            week.append(li(T.no_entries));
        }
        renderFix();
        renderNet();
        return renderPending();
    }
    function renderNet() {
        const net = $("k-net");
        net.textContent = isOnline() ? T.online : T.offline;
        net.classList.toggle("off", !isOnline());
    }
    async function renderPending() {
        let items = [];
        try {
            items = await queueAll();
        } catch {
            items = [];
        }
        items.sort((a, b) => a.created.localeCompare(b.created));
        const list = $("k-pending");
        list.replaceChildren();
        for (const item of items) {
            const time = hhmm(new Date(item.created));
            let text;
            if (item.type === "attendance") {
                text = fmt(item.payload.kind === "in" ? T.pending_in : T.pending_out, time);
            } else {
                text = fmt(T.pending_journal, {
                    time,
                    text: item.payload.description.slice(0, 40),
                });
            }
            list.append(li(text, "pending", T.pending));
        }
        $("k-pending-card").classList.toggle("k-hidden", !items.length);
        app.dataset.pending = String(items.length);
        return items.length;
    }
    async function refresh() {
        try {
            state = await rpc("/kilap/phone/state", {});
            $("k-stale").classList.add("k-hidden");
        } catch (error) {
            if (error instanceof NetworkError) {
                showStale();
            }
        }
        return render();
    }
    function showStale() {
        const stale = $("k-stale");
        stale.textContent = fmt(T.stale, state.generated_at || "");
        stale.classList.remove("k-hidden");
    }

    // ------------------------------------------------------------ selfie
    const SELFIE_MAX = 100 * 1024;
    const b64bytes = (data) =>
        Math.floor((data.length * 3) / 4) - (data.endsWith("==") ? 2 : data.endsWith("=") ? 1 : 0);
    // Opens the front camera; must start inside the click (user gesture).
    function takeSelfie() {
        const input = $("k-selfie");
        return new Promise((resolve) => {
            const done = () => {
                input.removeEventListener("change", done);
                input.removeEventListener("cancel", done);
                resolve((input.files && input.files[0]) || null);
            };
            input.value = "";
            input.addEventListener("change", done);
            input.addEventListener("cancel", done);
            input.click();
        });
    }
    // JPEG of at most 480 px and 100 KB: lower the quality, then the size.
    async function selfiePayload(file) {
        const bitmap = await createImageBitmap(file);
        const canvas = document.createElement("canvas");
        for (let side = 480; side >= 120; side = Math.round(side * 0.75)) {
            const scale = Math.min(1, side / Math.max(bitmap.width, bitmap.height));
            canvas.width = Math.max(1, Math.round(bitmap.width * scale));
            canvas.height = Math.max(1, Math.round(bitmap.height * scale));
            canvas.getContext("2d").drawImage(bitmap, 0, 0, canvas.width, canvas.height);
            for (let quality = 0.8; quality > 0.25; quality -= 0.1) {
                const data = canvas.toDataURL("image/jpeg", quality).split(",")[1];
                if (data && b64bytes(data) <= SELFIE_MAX) {
                    return data;
                }
            }
        }
        throw new Error(T.selfie_error);
    }

    // ------------------------------------------------------------ check-in/out
    async function queueAttendance(kind, fix, extra) {
        await queuePut({
            uuid: uuid4(),
            type: "attendance",
            created: new Date().toISOString(),
            payload: {
                kind,
                device_time: new Date().toISOString(),
                mock: false,
                ...fix,
                ...extra,
            },
        });
        state.checked_in = kind === "in";
        say("k-msg", T.queued, "warn");
        await render();
    }
    async function doCheck() {
        const buttons = [$("k-check"), $("k-duty-check")];
        buttons.forEach((b) => (b.disabled = true));
        const selfieMode = state.selfie || "off";
        const shot = selfieMode === "off" ? null : takeSelfie();
        say("k-msg", shot ? T.selfie_take : T.checking);
        try {
            const extra = { device_key: deviceKey() };
            if (shot) {
                const file = await shot;
                if (file) {
                    try {
                        extra.selfie = await selfiePayload(file);
                    } catch {
                        say("k-msg", T.selfie_error, "error");
                        return;
                    }
                } else if (selfieMode === "required") {
                    say("k-msg", T.selfie_missing, "error");
                    return;
                }
                say("k-msg", T.checking);
            }
            let fix;
            try {
                fix = await getFix();
            } catch (error) {
                say("k-msg", geoError(error), "error");
                return;
            }
            const kind = state.checked_in ? "out" : "in";
            if (!isOnline()) {
                await queueAttendance(kind, fix, extra);
                return;
            }
            say("k-msg", T.sending);
            let result;
            try {
                result = await rpc("/kilap/attendance/check", { ...fix, mock: false, ...extra });
            } catch (error) {
                if (error instanceof NetworkError) {
                    await queueAttendance(kind, fix, extra);
                } else {
                    say("k-msg", error.message, "error");
                }
                return;
            }
            if (!result.ok) {
                say("k-msg", result.message, "error");
                return;
            }
            let text = fmt(result.state === "checked_in" ? T.checked_in : T.checked_out, now());
            const where = result.fence || result.field_duty;
            if (where) {
                text += ` ${fmt(T.at_fence, where)}`;
            }
            if (result.flagged) {
                text += ` ${T.flagged}`;
            }
            say("k-msg", text, "ok");
            await refresh();
        } finally {
            buttons.forEach((b) => (b.disabled = false));
            app.dataset.busy = "";
        }
    }

    // ------------------------------------------------------------ journal
    function readFile(file) {
        return new Promise((resolve, reject) => {
            const reader = new FileReader();
            reader.onload = () => resolve(reader.result);
            reader.onerror = () => reject(reader.error);
            reader.readAsDataURL(file);
        });
    }
    async function photoPayload(file) {
        // Shrink camera photos (often 3-8 MB) to at most 1280 px JPEG before sending.
        let dataUrl = null;
        let mimetype = file.type || "image/jpeg";
        try {
            const bitmap = await createImageBitmap(file);
            const scale = Math.min(1, 1280 / Math.max(bitmap.width, bitmap.height));
            if (scale < 1 || file.size > 400000) {
                const canvas = document.createElement("canvas");
                canvas.width = Math.round(bitmap.width * scale);
                canvas.height = Math.round(bitmap.height * scale);
                canvas.getContext("2d").drawImage(bitmap, 0, 0, canvas.width, canvas.height);
                dataUrl = canvas.toDataURL("image/jpeg", 0.75);
                mimetype = "image/jpeg";
            }
        } catch {
            dataUrl = null;
        }
        dataUrl = dataUrl || (await readFile(file));
        return { name: file.name || "foto.jpg", mimetype, data: dataUrl.split(",")[1] };
    }
    async function saveJournal(event) {
        event.preventDefault();
        const form = $("k-journal");
        const save = $("k-save");
        save.disabled = true;
        try {
            const rhk = form.elements.rhk_id;
            const payload = {
                uuid: uuid4(),
                date: state.today,
                device_time: new Date().toISOString(),
                rhk_id: rhk && rhk.value ? Number(rhk.value) : false,
                description: form.elements.description.value,
                time_start: form.elements.time_start.value,
                time_end: form.elements.time_end.value,
                output_qty: form.elements.output_qty.value,
                submit: form.elements.submit.checked,
            };
            if (lastFix) {
                payload.latitude = lastFix.latitude;
                payload.longitude = lastFix.longitude;
            }
            const file = form.elements.photo.files[0];
            if (file) {
                payload.photo = await photoPayload(file);
            }
            const queue = async () => {
                await queuePut({
                    uuid: payload.uuid,
                    type: "journal",
                    created: payload.device_time,
                    payload,
                });
                form.reset();
                say("k-journal-msg", T.queued, "warn");
                await renderPending();
            };
            if (!isOnline()) {
                await queue();
                return;
            }
            let result;
            try {
                result = (await rpc("/kilap/phone/journal", { items: [payload] })).results[0];
            } catch (error) {
                if (error instanceof NetworkError) {
                    await queue();
                } else {
                    say("k-journal-msg", error.message, "error");
                }
                return;
            }
            if (result.status !== "accepted") {
                say("k-journal-msg", result.message, "error");
                return;
            }
            form.reset();
            say("k-journal-msg", T.saved, "ok");
            await refresh();
        } finally {
            save.disabled = false;
        }
    }

    // ------------------------------------------------------------ sync
    async function sync() {
        if (syncing || !isOnline()) {
            return;
        }
        syncing = true;
        try {
            const items = await queueAll();
            if (!items.length) {
                return;
            }
            items.sort((a, b) => a.created.localeCompare(b.created));
            const refused = [];
            let sent = 0;
            const batches = [
                ["/kilap/attendance/sync", items.filter((i) => i.type === "attendance")],
                ["/kilap/phone/journal", items.filter((i) => i.type === "journal")],
            ];
            for (const [url, batch] of batches) {
                if (!batch.length) {
                    continue;
                }
                let answer;
                try {
                    answer = await rpc(url, {
                        items: batch.map((i) => ({ uuid: i.uuid, ...i.payload })),
                    });
                } catch (error) {
                    if (error instanceof NetworkError) {
                        return;
                    }
                    refused.push(error.message);
                    continue;
                }
                for (const result of answer.results) {
                    if (result.status === "refused") {
                        refused.push(result.message);
                    } else {
                        sent += 1;
                    }
                    // answered: the server stored the result by uuid, a replay changes nothing
                    await queueDel(result.uuid);
                }
            }
            if (refused.length) {
                say("k-msg", fmt(T.sync_refused, refused.join(" · ")), "error");
            } else if (sent) {
                say("k-msg", fmt(T.synced, String(sent)), "ok");
            }
            await refresh();
        } finally {
            syncing = false;
            app.dataset.synced = String(Date.now());
        }
    }

    // ------------------------------------------------------------ wiring
    $("k-check").addEventListener("click", doCheck);
    $("k-duty-check").addEventListener("click", doCheck);
    $("k-locate").addEventListener("click", () =>
        getFix().catch((error) => say("k-msg", geoError(error), "error")),
    );
    $("k-journal").addEventListener("submit", saveJournal);
    $("k-sync").addEventListener("click", sync);
    window.addEventListener("online", () => {
        renderNet();
        sync();
    });
    window.addEventListener("offline", renderNet);
    setInterval(sync, 60000);

    if ("serviceWorker" in navigator && window.isSecureContext) {
        navigator.serviceWorker.register("/my/kilap/sw.js", { scope: "/my/kilap" }).catch(() => {});
    }
    window.kilapPhone = { sync, refresh, queueAll, render, deviceKey };
    // measure the distance at once when the location permission is already granted
    if (navigator.permissions && navigator.permissions.query) {
        navigator.permissions
            .query({ name: "geolocation" })
            .then((status) => status.state === "granted" && getFix())
            .catch(() => {});
    }
    render()
        .then(() => {
            if (!isOnline()) {
                showStale();
            }
            return sync();
        })
        .finally(() => {
            window.kilapPhoneReady = true;
        });
})();
