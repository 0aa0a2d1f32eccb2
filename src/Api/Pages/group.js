// A group offer's share link. Places left are polled from GET /api/public/groups/{token} every few seconds: a public
// read, rate-limited per client like claims, and simpler for a visitor's phone than holding a feed open.
import { api, applyBranding, describe, duration, money, pathId, showMessage } from "./common.js";
import { setupClaimForm } from "./claim.js";

const PollMs = 3000;
const token = pathId();
const form = document.getElementById("claim");

function render(group) {
  const offer = group.offer;
  const places = document.getElementById("places-left");
  const text = offer.placesLeft === undefined
    ? "Places available"
    : offer.placesLeft === 1 ? "1 place left" : `${offer.placesLeft} places left`;
  if (places.textContent !== text) {
    places.textContent = text;
  }
  const open = offer.claimable;
  form.hidden = !open;
  const message = document.getElementById("page-message");
  if (!open) {
    showMessage(message, offer.placesLeft === 0
      ? ["Every place of this group has been claimed.", "Ask whoever sent the link whether more places will open."]
      : ["This group offer cannot be claimed right now.", "Check the dates it is open, or ask whoever sent the link."], "info");
  } else {
    message.hidden = true;
  }
}

async function load() {
  let group;
  try {
    group = await api(`/api/public/groups/${encodeURIComponent(token)}`);
  } catch (error) {
    document.getElementById("lot-name").textContent = "Share link not valid";
    showMessage(document.getElementById("page-message"), describe(error));
    return;
  }
  document.title = `${group.lotName} · Group parking pass`;
  document.getElementById("lot-name").textContent = group.lotName;
  applyBranding(group.propertyName, group.branding);
  document.getElementById("offer-name").textContent = group.offer.passTypeName;
  document.getElementById("offer-details").textContent = `${money(group.offer.amountCents)} · ${duration(group.offer.duration)}`;
  document.getElementById("offer").hidden = false;
  render(group);
  setupClaimForm(form, { lotId: group.lotId, authorization: () => ({ shareToken: token }) });
  setInterval(async () => {
    try {
      render(await api(`/api/public/groups/${encodeURIComponent(token)}`));
    } catch {
      // A missed poll is not worth a message: the next one tries again.
    }
  }, PollMs);
}

load();
