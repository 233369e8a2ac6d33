// The workspace page's connection kit: copy buttons, and "test connection", which lists the MCP tools with a key the
// person pastes. The key is sent only to this workspace's own MCP endpoint on this origin, without cookies, and is
// never stored. A file of its own because the CSP allows scripts from 'self' only, never inline ones.
(function () {
  "use strict";
  var kit = document.getElementById("connect-kit");
  if (!kit) {
    return;
  }

  function copy(text, button) {
    function done(label) {
      button.textContent = label;
      setTimeout(function () { button.textContent = "Copy"; }, 1500);
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { done("Copied"); }, function () { done("Copy failed"); });
      return;
    }
    // Plain http on a host other than localhost has no clipboard API: copy through a selected text area instead.
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "absolute";
    area.style.left = "-9999px";
    document.body.appendChild(area);
    area.select();
    var copied = false;
    try {
      copied = document.execCommand("copy");
    } catch (e) {
      copied = false;
    }
    document.body.removeChild(area);
    done(copied ? "Copied" : "Select and copy");
  }

  Array.prototype.forEach.call(kit.querySelectorAll("button.copy"), function (button) {
    button.addEventListener("click", function () {
      copy(document.getElementById(button.getAttribute("data-copy")).textContent, button);
    });
  });

  var form = document.getElementById("kit-test");
  var result = document.getElementById("kit-test-result");
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var key = document.getElementById("kit-key").value.trim();
    if (!key) {
      show("error", "paste a key of this workspace first");
      return;
    }
    show("", "testing…");
    fetch(kit.getAttribute("data-mcp-path"), {
      method: "POST",
      credentials: "omit",
      cache: "no-store",
      headers: {
        "Content-Type": "application/json",
        "Accept": "application/json, text/event-stream",
        "Authorization": "Bearer " + key
      },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" })
    }).then(function (response) {
      return response.text().then(function (text) {
        var body = null;
        try {
          body = JSON.parse(text);
        } catch (e) {
          body = null;
        }
        if (!response.ok) {
          show("error", "HTTP " + response.status + (body && body.code ? " " + body.code : ""));
        } else if (body && body.error) {
          show("error", "MCP error " + body.error.code + ": " + body.error.message);
        } else if (body && body.result && body.result.tools) {
          show("ok", "connected: " + body.result.tools.length + " tools");
        } else {
          show("error", "unexpected answer");
        }
      });
    }, function () {
      show("error", "network_error: the gateway did not answer");
    });
  });

  function show(kind, text) {
    result.className = kind;
    result.setAttribute("data-state", kind || "pending");
    result.textContent = text;
  }
})();
