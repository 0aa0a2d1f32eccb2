// The patrol page, /patrol, for enforcement keys: choose a lot, check a plate, record a scan or a violation, and see
// the lot's recently expired passes.
//
// Test hooks (ids):
//   sign in:   #key-form (#key, #sign-in), #sign-out, #page-message
//   lot:       #lot-form (#lot-select when the company's lots could be listed, #lot-id, #use-lot), #current-lot
//   check:     #lookup-form (#plate, #look-up)
//   answer:    #verdict (class ok | no, data-authorized="true|false", data-reason=<API reason>), #verdict-answer,
//              #verdict-plate (the plate as the API normalized it), #verdict-reason, #verdict-grace, #verdict-pass
//   record:    #record-scan, #violation-form (#violation-reason, #violation-sticker, #violation-notes, #record-violation),
//              #action-result (data-scan-id / data-violation-id of what was recorded)
//   expired:   #recently-expired (li[data-pass-id]), #no-expired, #refresh-expired
//
// API: GET /api/api-keys/current (the key's company), GET /api/enforcement-companies/{id} (scopes), GET /api/properties/{id}/lots, GET /api/lots/{id},
//      GET /api/enforcement/lookup?lotId=&plate= (LookUpPlate), POST /api/enforcement/scans (RecordScan),
//      POST /api/enforcement/violations (RecordViolation), GET /api/lots/{id}/recently-expired (ListRecentlyExpiredPasses).
//
// GET /api/api-keys/current names the key's company, whose scope lists the lots; a lot id can still be pasted. The key
// and the chosen lot stay in sessionStorage only.
import { showMessage, when } from "./common.js";
import { allPages, el, keyedApi, openById, setupSignIn, staffDescribe } from "./staff.js";

const KeyName = "vrps.key.enforcement";
const LotName = "vrps.patrol.lot";
let session = null;
const call = keyedApi(KeyName, (error) => session?.refuse(error));
const $ = (id) => document.getElementById(id);
const pageMessage = $("page-message");
const result = $("action-result");

const reasons = {
  active: "Has an active pass.",
  grace_period: "The pass has ended but the lot's grace period still covers it.",
  expired: "The pass has expired.",
  suspended: "The pass is suspended.",
  revoked: "The pass was revoked.",
  cancelled: "The pass was cancelled.",
  no_pass: "No pass for this plate at this lot.",
};

let lot = null;
let lastLookup = null;

async function listScopeLots(companyId) {
  const company = await call(`/api/enforcement-companies/${encodeURIComponent(companyId)}`);
  const lots = [];
  for (const scope of company.scopes) {
    if (scope.lotIds) {
      lots.push(...await Promise.all(scope.lotIds.map((id) => call(`/api/lots/${id}`))));
    } else {
      lots.push(...await allPages(call, `/api/properties/${scope.propertyId}/lots?limit=100`));
    }
  }
  return lots;
}

async function signIn() {
  const companyId = (await call("/api/api-keys/current")).enforcementCompanyId ?? "";
  const select = $("lot-select");
  select.replaceChildren();
  $("lot-choice").hidden = true;
  if (companyId) {
    const lots = await listScopeLots(companyId);
    select.append(el("option", { value: "" }, "Choose a lot…"), ...lots.map((l) => el("option", { value: l.id }, l.name)));
    $("lot-choice").hidden = lots.length === 0;
  }
  // Without a company the key is first tried when a lot is chosen; a refusal there signs out with the reason.
  const saved = sessionStorage.getItem(LotName);
  if (saved) {
    await useLot(saved, { duringSignIn: true });
  }
}

async function useLot(id, { duringSignIn = false } = {}) {
  lot = await openById(call, id, (lotId) => `/api/lots/${lotId}`, pageMessage, { what: "lot", duringSignIn });
  if (!lot) {
    return;
  }
  sessionStorage.setItem(LotName, lot.id);
  $("lot-id").value = lot.id;
  if ([...$("lot-select").options].some((o) => o.value === lot.id)) {
    $("lot-select").value = lot.id;
  }
  const grace = lot.gracePeriodMinutes === 1 ? "1 minute" : `${lot.gracePeriodMinutes} minutes`;
  $("current-lot").textContent = `Patrolling ${lot.name} · grace period ${grace}`;
  $("check").hidden = false;
  $("expired").hidden = false;
  $("verdict").hidden = true;
  $("record").hidden = true;
  result.hidden = true;
  await loadExpired();
}

function showVerdict(lookup) {
  lastLookup = lookup;
  const verdict = $("verdict");
  verdict.className = `verdict ${lookup.authorized ? "ok" : "no"}`;
  verdict.dataset.authorized = String(lookup.authorized);
  verdict.dataset.reason = lookup.reason;
  $("verdict-answer").textContent = lookup.authorized ? "AUTHORIZED" : "NOT AUTHORIZED";
  $("verdict-plate").textContent = lookup.plate;
  $("verdict-reason").textContent = reasons[lookup.reason] ?? lookup.reason;
  const grace = lot ? `Grace period at this lot: ${lot.gracePeriodMinutes} min.` : "";
  const covered = lookup.reason === "grace_period" ? "In grace until" : "Covered, with grace, until";
  $("verdict-grace").textContent = lookup.graceUntil ? `${covered} ${when(lookup.graceUntil)}. ${grace}` : grace;
  const pass = lookup.pass;
  $("verdict-pass").textContent = pass
    ? `Pass ${pass.status.replace("_", " ")}: ${when(pass.startsAt)} – ${when(pass.endedAt ?? pass.endsAt)}`
    : "";
  verdict.hidden = false;
  $("record").hidden = false;
  $("violation-reason").value = lookup.reason === "expired" ? "Pass expired" : "No valid pass";
}

async function lookUp(event) {
  event.preventDefault();
  const plate = $("plate").value.trim();
  result.hidden = true;
  if (!plate) {
    showMessage(result, ["Enter a plate.", "Type it as on the vehicle."]);
    return;
  }
  const button = $("look-up");
  button.disabled = true;
  try {
    showVerdict(await call(`/api/enforcement/lookup?lotId=${encodeURIComponent(lot.id)}&plate=${encodeURIComponent(plate)}`));
    $("verdict").scrollIntoView({ block: "nearest" });
  } catch (error) {
    $("verdict").hidden = true;
    $("record").hidden = true;
    showMessage(result, staffDescribe(error));
    result.focus();
  } finally {
    button.disabled = false;
  }
}

/** One tap, one record: the button stays disabled until the answer comes back, so a double tap logs once. */
async function record(button, path, body, describeDone) {
  if (!lastLookup || button.disabled) {
    return;
  }
  button.disabled = true;
  button.setAttribute("aria-busy", "true");
  try {
    const made = await call(path, { method: "POST", body });
    result.dataset.scanId = path.endsWith("scans") ? made.id : "";
    result.dataset.violationId = path.endsWith("violations") ? made.id : "";
    showMessage(result, describeDone(made), "info");
  } catch (error) {
    showMessage(result, staffDescribe(error));
  } finally {
    button.disabled = false;
    button.removeAttribute("aria-busy");
    result.focus();
  }
}

async function loadExpired() {
  const list = $("recently-expired");
  try {
    const page = await call(`/api/lots/${encodeURIComponent(lot.id)}/recently-expired?limit=20`);
    list.replaceChildren(...page.items.map((p) => el("li", { "data-pass-id": p.passId },
      el("span", { className: "mono" }, p.plate),
      el("span", { className: "hint" }, `ended ${when(p.endedAt ?? p.endsAt)}`))));
    $("no-expired").hidden = page.items.length > 0;
  } catch (error) {
    list.replaceChildren();
    showMessage(pageMessage, staffDescribe(error));
  }
}

$("lot-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const chosen = $("lot-choice").hidden ? "" : $("lot-select").value;
  useLot(chosen || $("lot-id").value.trim());
});
$("lot-select").addEventListener("change", () => {
  if ($("lot-select").value) {
    useLot($("lot-select").value);
  }
});
$("lookup-form").addEventListener("submit", lookUp);
$("record-scan").addEventListener("click", (event) => record(event.currentTarget, "/api/enforcement/scans",
  { lotId: lot.id, plate: lastLookup.plate },
  (scan) => ["Scan recorded.", `${scan.plate} at ${when(scan.scannedAt)}: ${scan.lookup.authorized ? "authorized" : "not authorized"}.`]));
$("violation-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const form = event.currentTarget;
  const sticker = form.elements.sticker.value.trim();
  const notes = form.elements.notes.value.trim();
  record($("record-violation"), "/api/enforcement/violations",
    { lotId: lot.id, plate: lastLookup.plate, reason: form.elements.reason.value, ...(notes ? { notes } : {}), ...(sticker ? { stickerNumber: sticker } : {}) },
    (violation) => {
      form.reset();
      return ["Violation recorded.", `${violation.plate}: ${violation.reason}${violation.stickerNumber ? `, sticker ${violation.stickerNumber}` : ""}.`];
    });
});
$("refresh-expired").addEventListener("click", loadExpired);

session = setupSignIn({
  storageName: KeyName,
  form: $("key-form"),
  signedIn: $("signed-in"),
  message: pageMessage,
  onKey: async () => {
    try {
      await signIn();
    } catch (error) {
      if (error.status === 401) {
        throw error;
      }
      showMessage(pageMessage, staffDescribe(error));
    }
  },
  onSignOut: () => {
    sessionStorage.removeItem(LotName);
    lot = null;
    $("check").hidden = true;
    $("expired").hidden = true;
    $("current-lot").textContent = "";
  },
});
