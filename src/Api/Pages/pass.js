// The pass page, at /p/{pass id}: the id is random (or derived from the form's random key), so the URL is the secret.
import { api, applyBranding, describe, pathId, showMessage, when } from "./common.js";

const statusWords = {
  active: "Active",
  expiring_soon: "Expiring soon",
  expired: "Expired",
  revoked: "Revoked",
  suspended: "Suspended",
  cancelled: "Cancelled",
  abandoned: "Abandoned",
};

function left(ms) {
  if (ms <= 0) {
    return "Ended";
  }
  const total = Math.floor(ms / 1000);
  const days = Math.floor(total / 86400);
  const hours = Math.floor((total % 86400) / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const hms = [hours, minutes, seconds].map((n) => String(n).padStart(2, "0")).join(":");
  return days > 0 ? `${days} d ${hms}` : hms;
}

async function load() {
  let pass;
  try {
    pass = await api(`/api/public/passes/${encodeURIComponent(pathId())}`);
  } catch (error) {
    showMessage(document.getElementById("page-message"), describe(error));
    return;
  }
  applyBranding(pass.propertyName, pass.branding);
  document.title = `${pass.plate} · ${pass.lotName}`;
  document.getElementById("plate").textContent = pass.plate;
  const status = document.getElementById("status");
  status.textContent = statusWords[pass.status] ?? pass.status;
  const running = pass.status === "active" || pass.status === "expiring_soon";
  status.classList.toggle("ended", !running);
  document.getElementById("lot").textContent = `${pass.lotName}, ${pass.propertyName}`;
  document.getElementById("pass-type").textContent = pass.passTypeName;
  document.getElementById("valid-from").textContent = when(pass.validFrom);
  document.getElementById("valid-until").textContent = when(pass.validUntil);
  document.getElementById("pass").hidden = false;
  const until = new Date(pass.endedAt ?? pass.validUntil).getTime();
  const countdown = document.getElementById("countdown");
  const tick = () => { countdown.textContent = running ? left(until - Date.now()) : "Ended"; };
  tick();
  setInterval(tick, 1000);
}

load();
