// The demo page's own behaviour: one upload through POST /media-upload.
(function () {
  "use strict";
  var button = document.getElementById("upload");
  var result = document.getElementById("result");
  button.addEventListener("click", function () {
    fetch("/media-upload", { method: "POST" })
      .then(function (response) {
        result.textContent = response.ok ? "Stored." : "Not stored this time; please try again in a moment.";
      })
      .catch(function () {
        result.textContent = "Not stored this time; please try again in a moment.";
      });
  });
})();
