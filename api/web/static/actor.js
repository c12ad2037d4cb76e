// The actor page: whom the actor met comes from the actors network, built from the whole archive, so
// it is fetched after the page has loaded (GET /graph/met) and put in place of the "looking up" line.
(function () {
  "use strict";
  const list = document.getElementById("met");
  if (!list) return;
  fetch(list.dataset.src)
    .then((response) => (response.ok ? response.text() : Promise.reject(new Error(response.statusText))))
    .then((items) => { list.innerHTML = items; })
    .catch(() => { list.firstElementChild.textContent = "Whom it met could not be looked up."; })
    .finally(() => { list.setAttribute("aria-busy", "false"); });
})();
