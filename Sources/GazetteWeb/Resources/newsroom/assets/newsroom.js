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

// Photo uploads: the form works without JavaScript; with it, a progress bar shows how much
// of the upload has gone, and the page the server answers replaces this one.
(function () {
  var form = document.getElementById("upload-form");
  if (!form || !window.XMLHttpRequest || !window.FormData) return;
  var progress = document.getElementById("upload-progress");
  var status = document.getElementById("upload-status");
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var request = new XMLHttpRequest();
    request.open("POST", form.action);
    request.responseType = "document";
    progress.hidden = false;
    request.upload.addEventListener("progress", function (e) {
      if (!e.lengthComputable) return;
      var percent = Math.round((e.loaded / e.total) * 100);
      progress.value = percent;
      progress.textContent = percent + "%";
      status.textContent = percent < 100 ? "Uploading… " + percent + "%" : "Making the sizes…";
    });
    request.addEventListener("load", function () {
      if (request.response && request.response.documentElement) {
        document.replaceChild(document.importNode(request.response.documentElement, true), document.documentElement);
      } else {
        status.textContent = "The upload failed (" + request.status + ").";
      }
    });
    request.addEventListener("error", function () { status.textContent = "The upload failed: no answer."; });
    request.send(new FormData(form));
  });
})();

// The focal point: a click on the preview sets the two percentages.
(function () {
  var picker = document.getElementById("focus-picker");
  if (!picker) return;
  var image = picker.querySelector("img");
  image.addEventListener("click", function (event) {
    var box = image.getBoundingClientRect();
    document.getElementById("focus-x").value = Math.round(((event.clientX - box.left) / box.width) * 100);
    document.getElementById("focus-y").value = Math.round(((event.clientY - box.top) / box.height) * 100);
  });
})();
