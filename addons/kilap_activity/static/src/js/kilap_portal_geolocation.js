/** @odoo-module **/
// Fill the hidden device coordinates of the portal journal form when the phone allows it.
function kilapFillPosition() {
    const form = document.querySelector(".o_kilap_journal_form");
    if (!form || !navigator.geolocation) {
        return;
    }
    navigator.geolocation.getCurrentPosition(
        (position) => {
            form.querySelector(".o_kilap_lat").value = position.coords.latitude;
            form.querySelector(".o_kilap_lon").value = position.coords.longitude;
        },
        () => {},
        { enableHighAccuracy: true, timeout: 10000 },
    );
}
if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", kilapFillPosition);
} else {
    kilapFillPosition();
}
