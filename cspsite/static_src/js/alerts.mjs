// Alert banners a reader hides stay hidden for this browser tab only (sessionStorage),
// so no cookie is ever set and nothing outlives the visit.
const STORAGE_KEY = "cspsite:hidden-alerts";

function hiddenAlerts() {
  try {
    return JSON.parse(window.sessionStorage.getItem(STORAGE_KEY) || "[]");
  } catch {
    return [];
  }
}

function remember(id) {
  try {
    const ids = new Set(hiddenAlerts());
    ids.add(id);
    window.sessionStorage.setItem(STORAGE_KEY, JSON.stringify([...ids]));
  } catch {
    // Storage can be switched off; hiding then lasts until the next page.
  }
}

// The button is laid out by CSS once GOV.UK Frontend is supported (the js-enabled
// script), and banners hidden earlier are hidden by an inline script before the first
// paint (ops/inline_scripts.py), so neither moves the page once it is drawn.
export function initAlertDismissal(root) {
  const hidden = new Set(hiddenAlerts());
  root.querySelectorAll("[data-module='app-alert']").forEach((banner) => {
    const id = banner.dataset.alertId;
    if (hidden.has(id)) {
      banner.hidden = true;
      return;
    }
    const button = banner.querySelector(".app-alert__dismiss");
    if (!button) return;
    button.addEventListener("click", () => {
      remember(id);
      banner.hidden = true;
      const main = document.getElementById("main-content");
      if (main) {
        main.setAttribute("tabindex", "-1");
        main.focus();
      }
    });
  });
}
