// Minimal chat box: posts to Flask, shows replies as plain text (never as HTML).
(function () {
  "use strict";
  const log = document.getElementById("log");
  const form = document.getElementById("composer");
  const input = document.getElementById("message");
  const status = document.getElementById("status");

  function show(who, text, buttons) {
    const item = document.createElement("div");
    item.className = "msg " + who;
    item.textContent = text;
    (buttons || []).forEach(function (b) {
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = b.title;
      button.addEventListener("click", function () { send(b.payload, b.title); });
      item.appendChild(button);
    });
    log.appendChild(item);
    item.scrollIntoView({block: "end"});
  }

  async function send(message, shown) {
    show("you", shown || message);
    status.textContent = "The assistant is typing…";
    try {
      const response = await fetch("/api/chat", {
        method: "POST",
        headers: {"Content-Type": "application/json"},
        body: JSON.stringify({message: message})
      });
      const body = await response.json();
      if (!response.ok) { status.textContent = body.error; return false; }
      status.textContent = "";
      body.messages.forEach(function (m) { show("bot", m.text, m.buttons); });
      return true;
    } catch (err) {
      status.textContent = "The web app did not answer. Your message is still in the box.";
      return false;
    }
  }

  form.addEventListener("submit", async function (event) {
    event.preventDefault();
    const text = input.value;
    if (!text.trim()) { return; }
    if (await send(text)) { input.value = ""; }
    input.focus();
  });
})();
