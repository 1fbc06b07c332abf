// Keeps the editor's soft lock alive while the page is open. Without JavaScript the lock
// still holds for two minutes after opening or saving; this only renews it.
(function () {
  var form = document.getElementById("story-form");
  if (!form || !form.dataset.lockUrl) return;
  var csrf = form.querySelector("input[name=_csrf]").value;
  function renew() {
    var body = new URLSearchParams();
    body.set("_csrf", csrf);
    fetch(form.dataset.lockUrl, { method: "POST", body: body, credentials: "same-origin" })
      .then(function (response) {
        if (response.status === 409) {
          return response.text().then(function (text) {
            var note = document.getElementById("lock-note");
            if (!note) {
              note = document.createElement("p");
              note.id = "lock-note";
              note.className = "nr-warning";
              form.parentNode.insertBefore(note, form);
            }
            note.textContent = text;
          });
        }
      })
      .catch(function () {});
  }
  setInterval(renew, 60000);
})();
