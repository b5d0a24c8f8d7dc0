/* The hot spot map: progressive enhancement of the list on the same page (the list is the
   source of truth and works without JavaScript). Reads each list item's data-lat, data-lng,
   data-status and data-title, draws a circle per hot spot on OpenStreetMap tiles, and links
   each popup to its list item. Does nothing when Leaflet did not load. */
(function () {
    "use strict";
    var box = document.getElementById("hotspot-map");
    if (!box || typeof window.L === "undefined") { return; }
    var COLOURS = { "dang-theo-doi": "#a3120c", "da-khong-che": "#7a4a00", "da-ket-thuc": "#1d6b2f" };
    var items = document.querySelectorAll(".hotspot[data-lat][data-lng]");
    if (!items.length) { return; }

    function start() {
        box.hidden = false;
        var map = window.L.map(box, { scrollWheelZoom: false });
        map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
        window.L.tileLayer(box.dataset.tiles, {
            maxZoom: 19,
            attribution: '<a href="https://www.openstreetmap.org/copyright">' + box.dataset.attribution.replace(/</g, "&lt;") + "</a>"
        }).addTo(map);
        var bounds = [];
        Array.prototype.forEach.call(items, function (item) {
            var point = [parseFloat(item.dataset.lat), parseFloat(item.dataset.lng)];
            if (isNaN(point[0]) || isNaN(point[1])) { return; }
            var colour = COLOURS[item.dataset.status] || "#0b4f8a";
            var link = document.createElement("a");
            link.href = "#" + item.id;
            link.textContent = item.dataset.title;
            window.L.circleMarker(point, { radius: 12, color: colour, fillColor: colour, fillOpacity: 0.35, weight: 3 })
                .bindPopup(link)
                .addTo(map);
            bounds.push(point);
        });
        if (bounds.length === 1) {
            map.setView(bounds[0], 16);
        } else {
            map.fitBounds(bounds, { padding: [40, 40], maxZoom: 16 });
        }
        box.dataset.ready = "true";
    }

    // Leaflet's stylesheet is fetched only here, so the page without the map never waits for it.
    var css = document.createElement("link");
    css.rel = "stylesheet";
    css.href = box.dataset.leafletCss;
    css.onload = start;
    css.onerror = start;
    document.head.appendChild(css);
}());
