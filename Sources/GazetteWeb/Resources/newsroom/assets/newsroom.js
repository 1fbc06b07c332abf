// Takes the editor's soft lock when the page is shown and keeps it while the page is open.
// Without JavaScript the lock holds for two minutes after creating or saving a story.
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
  // Opening the editor only reads; the page takes the lock as soon as it is shown.
  renew();
  setInterval(renew, 60000);
})();
