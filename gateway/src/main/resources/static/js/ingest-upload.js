// The ingest page's upload form: reads the chosen file in the browser into the form's text field (the gateway takes
// no multipart bodies) and names the run after the file. A file of its own because the CSP allows no inline script.
(function () {
  "use strict";
  var form = document.getElementById("ingest-upload");
  if (!form) {
    return;
  }
  var file = form.querySelector("input[type=file]");
  file.addEventListener("change", function () {
    if (!file.files.length) {
      return;
    }
    var chosen = file.files[0];
    var reader = new FileReader();
    reader.onload = function () {
      form.querySelector("textarea[name=content]").value = reader.result;
      var name = form.querySelector("input[name=source_name]");
      if (!name.value) {
        name.value = chosen.name;
      }
      form.setAttribute("data-file-read", chosen.name);
    };
    reader.readAsText(chosen);
  });
})();
