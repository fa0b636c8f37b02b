// Puts the assistant on another page with one tag:
//   <script src="https://ASSISTANT-ADDRESS/static/embed.js" defer></script>
// A button opens the chat in a frame served by the assistant itself, so its sign-in,
// cookies and conversation never touch the host page. README, "Embedding the widget".
(function () {
  "use strict";
  const origin = new URL(document.currentScript.src).origin;
  const panelId = "kbs-assistant-panel";

  const button = document.createElement("button");
  button.type = "button";
  button.textContent = "Keeping Babies Safe assistant";
  button.setAttribute("aria-expanded", "false");
  button.setAttribute("aria-controls", panelId);
  Object.assign(button.style, {
    position: "fixed", right: "1rem", bottom: "1rem", zIndex: "2147483000",
    padding: "0.7rem 1rem", font: "600 1rem system-ui, sans-serif", color: "#fff",
    background: "#1d4f91", border: "2px solid #fff", borderRadius: "2rem", cursor: "pointer"
  });

  const panel = document.createElement("div");
  panel.id = panelId;
  panel.hidden = true;
  Object.assign(panel.style, {
    position: "fixed", right: "1rem", bottom: "4.5rem", zIndex: "2147483000",
    width: "min(26rem, calc(100vw - 2rem))", height: "min(40rem, calc(100vh - 6rem))",
    background: "#fff", border: "1px solid #667", borderRadius: "8px",
    boxShadow: "0 4px 24px rgba(0,0,0,0.25)", overflow: "hidden"
  });

  function toggle(open) {
    if (open && !panel.firstChild) {
      const frame = document.createElement("iframe");
      frame.src = origin + "/widget";
      frame.title = "Keeping Babies Safe assistant";
      Object.assign(frame.style, {width: "100%", height: "100%", border: "0"});
      panel.appendChild(frame);
    }
    panel.hidden = !open;
    button.setAttribute("aria-expanded", String(open));
    button.textContent = open ? "Close the assistant" : "Keeping Babies Safe assistant";
    if (open) { panel.firstChild.focus(); } else { button.focus(); }
  }

  button.addEventListener("click", function () { toggle(panel.hidden); });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && !panel.hidden) { toggle(false); }
  });
  document.body.append(panel, button);
})();
