// The lot's landing page: what its QR code opens. Reads GET /api/public/lots/{slug}; claims through POST /api/claims.
import { api, applyBranding, describe, duration, money, pathId, showMessage } from "./common.js";
import { setupClaimForm } from "./claim.js";

const form = document.getElementById("claim");
const pageMessage = document.getElementById("page-message");

function offerChoice(offer, index, only) {
  const row = document.createElement("div");
  row.className = "offer";
  const input = document.createElement("input");
  input.type = "radio";
  input.name = "offer";
  input.value = offer.id;
  input.id = `offer-${index}`;
  input.checked = only;
  const label = document.createElement("label");
  label.htmlFor = input.id;
  label.textContent = offer.passTypeName;
  const details = document.createElement("span");
  details.className = "details";
  const left = offer.placesLeft === undefined ? "" : ` · ${offer.placesLeft} left`;
  details.textContent = `${money(offer.amountCents)} · ${duration(offer.duration)}${left}`;
  label.append(details);
  row.append(input, label);
  return row;
}

async function load() {
  let lot;
  try {
    lot = await api(`/api/public/lots/${encodeURIComponent(pathId())}`);
  } catch (error) {
    document.getElementById("lot-name").textContent = "Lot not found";
    showMessage(pageMessage, describe(error));
    return;
  }
  document.title = `${lot.lotName} · Parking pass`;
  document.getElementById("lot-name").textContent = lot.lotName;
  applyBranding(lot.propertyName, lot.branding);
  const offers = document.getElementById("offers");
  lot.offers.forEach((offer, i) => offers.append(offerChoice(offer, i, lot.offers.length === 1)));
  document.getElementById("no-offers").hidden = lot.offers.length > 0;
  document.getElementById("code-block").hidden = !lot.acceptsClaimCodes;
  if (lot.offers.length === 0 && !lot.acceptsClaimCodes) {
    showMessage(pageMessage, ["No parking pass can be claimed at this lot right now.", "Ask the property team, or check back later."], "info");
    return;
  }
  form.hidden = false;
  setupClaimForm(form, {
    lotId: lot.lotId,
    authorization: () => {
      const code = form.elements.code.value.trim();
      if (code) {
        return { code };
      }
      const chosen = form.querySelector("input[name=offer]:checked");
      return chosen ? { offerId: chosen.value } : null;
    },
  });
}

load();
