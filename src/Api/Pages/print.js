// The operator's printable QR sheet for /lots/{id}/print: GET /api/lots/{id} (landingUrl, qrImageUrl), the property
// for its branding, and the QR SVG, all with the key the operator typed, kept in sessionStorage only.
import { api, applyBranding, describe, showMessage } from "./common.js";

const KeyName = "vrps.apiKey";
const lotId = location.pathname.split("/").filter(Boolean)[1];
const keyForm = document.getElementById("key-form");
const message = document.getElementById("page-message");

async function show(key) {
  const headers = { Authorization: `Bearer ${key}` };
  try {
    const lot = await api(`/api/lots/${encodeURIComponent(lotId)}`, { headers });
    const property = await api(`/api/properties/${lot.propertyId}`, { headers });
    const svg = await fetch(lot.qrImageUrl.replace(/^https?:\/\/[^/]+/, ""), { headers });
    if (!svg.ok) {
      throw new Error("qr");
    }
    applyBranding(property.name, property.branding);
    document.title = `${lot.name} · QR sheet`;
    document.getElementById("lot-name").textContent = lot.name;
    document.getElementById("landing-url").textContent = lot.landingUrl;
    const qr = document.getElementById("qr");
    // A data: URL, not a blob: one: the pages' Content-Security-Policy allows images from data: but not from blob:.
    qr.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(await svg.text())}`;
    qr.alt = `QR code that opens ${lot.landingUrl}`;
    keyForm.hidden = true;
    message.hidden = true;
    document.getElementById("sheet").hidden = false;
  } catch (error) {
    showMessage(message, error?.code === "unauthorized"
      ? ["That key was not accepted.", "Check the key and enter it again."]
      : describe(error));
    keyForm.hidden = false;
  }
}

keyForm.addEventListener("submit", (event) => {
  event.preventDefault();
  const key = keyForm.elements.key.value.trim();
  if (key) {
    sessionStorage.setItem(KeyName, key);
    show(key);
  }
});
document.getElementById("print").addEventListener("click", () => window.print());
document.getElementById("forget").addEventListener("click", () => {
  sessionStorage.removeItem(KeyName);
  document.getElementById("sheet").hidden = true;
  keyForm.hidden = false;
});

const saved = sessionStorage.getItem(KeyName);
if (saved) {
  show(saved);
} else {
  keyForm.hidden = false;
}
