/* Suggestions under the search box while typing: links to up to six pages. Progressive
   enhancement only: without this script the form submits to /tim-kiem/ as usual. */
(function () {
    "use strict";
    document.querySelectorAll("form.search-form[data-suggest]").forEach(function (form) {
        var input = form.querySelector("input[type=search]");
        var box = form.querySelector(".search-suggest");
        var list = form.querySelector(".search-suggest__list");
        var status = form.querySelector(".search-suggest__status");
        if (!input || !box || !list || !window.fetch) { return; }
        var timer = null;
        var last = "";
        var controller = null;

        function clear() {
            list.textContent = "";
            box.hidden = true;
        }

        function show(items) {
            list.textContent = "";
            items.forEach(function (item) {
                var li = document.createElement("li");
                var a = document.createElement("a");
                a.href = item.url;
                var title = document.createElement("span");
                title.textContent = item.title;
                var kind = document.createElement("span");
                kind.className = "search-suggest__kind";
                kind.textContent = item.kind;
                a.appendChild(title);
                a.appendChild(kind);
                li.appendChild(a);
                list.appendChild(li);
            });
            box.hidden = items.length === 0;
            status.textContent = items.length ? items.length + " gợi ý bên dưới ô tìm kiếm" : "";
        }

        input.addEventListener("input", function () {
            var value = input.value.trim();
            window.clearTimeout(timer);
            if (value.length < 2) { last = ""; clear(); return; }
            timer = window.setTimeout(function () {
                if (value === last) { return; }
                last = value;
                if (controller) { controller.abort(); }
                controller = window.AbortController ? new AbortController() : null;
                fetch(form.dataset.suggest + "?q=" + encodeURIComponent(value), {
                    headers: { "Accept": "application/json" },
                    signal: controller ? controller.signal : undefined
                }).then(function (response) {
                    return response.ok ? response.json() : { items: [] };
                }).then(function (data) {
                    if (input.value.trim() === value) { show(data.items || []); }
                }).catch(function () { /* offline or aborted: the form still works */ });
            }, 250);
        });
        input.addEventListener("keydown", function (event) {
            if (event.key === "Escape") { clear(); }
        });
    });
})();
