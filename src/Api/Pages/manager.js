// The unit manager's page, /manager, for manager keys: issue a visitor a pass of the unit's direct offer, see the
// unit's active passes against its quota, and end a pass early.
//
// Test hooks (ids):
//   sign in:  #key-form (#key, #sign-in), #sign-out, #page-message
//   unit:     #unit-form (#unit-id, #use-unit), #unit-name
//   quota:    #quota (data-active, data-max), #quota-used, #quota-max
//   issue:    #direct-pass-form (#offer, #phone, #pass-plate, #issue-pass), #direct-pass-message
//             (after a pass is issued it reads "Pass issued" and carries data-pass-id)
//   passes:   #active-passes (li[data-pass-id] with .plate-text; button.cancel-pass, then button.confirm-cancel, ends it), #no-passes, #pass-message,
//             #refresh-passes
//
// API: GET /api/units/{id}, GET /api/lots/{id}/offers, GET /api/pass-types/{id}, POST /api/offers/{id}/issue
//      (IssueDirectPass, with an Idempotency-Key), GET /api/lots/{id}/passes?status=, POST /api/passes/{id}/cancel.
//
// GET /api/api-keys/current names the units the key's manager manages: the page opens the first (or the one opened
// last in this tab, kept in sessionStorage with the key) and offers the others as suggestions for the unit id field.
import { newKey, showMessage, when } from "./common.js";
import { allPages, el, keyedApi, openById, setupSignIn, staffDescribe } from "./staff.js";

const KeyName = "vrps.key.manager";
const UnitName = "vrps.manager.unit";
const Running = ["active", "expiring_soon"];
let session = null;
const call = keyedApi(KeyName, (error) => session?.refuse(error));
const $ = (id) => document.getElementById(id);
const pageMessage = $("page-message");
const form = $("direct-pass-form");
const formMessage = $("direct-pass-message");
const passMessage = $("pass-message");

let unit = null;

async function openUnit(id, { duringSignIn = false } = {}) {
  unit = await openById(call, id, (unitId) => `/api/units/${unitId}`, pageMessage, { what: "unit", duringSignIn });
  if (!unit) {
    $("unit").hidden = true;
    return;
  }
  sessionStorage.setItem(UnitName, unit.id);
  $("unit-id").value = unit.id;
  $("unit-name").textContent = unit.name;
  $("unit").hidden = false;
  await Promise.all([loadOffers(), loadPasses()]);
}

async function loadOffers() {
  const select = $("offer");
  try {
    const offers = (await Promise.all(unit.lotIds.map((lot) => allPages(call, `/api/lots/${lot}/offers?limit=100`)))).flat()
      .filter((o) => o.kind === "direct" && o.unitId === unit.id && o.status === "active");
    const types = new Map();
    await Promise.all([...new Set(offers.map((o) => o.passTypeId))].map(async (id) => types.set(id, await call(`/api/pass-types/${id}`))));
    select.replaceChildren(...offers.map((o) => el("option", { value: o.id }, types.get(o.passTypeId)?.name ?? "Direct pass")));
    $("issue-pass").disabled = offers.length === 0;
    if (offers.length === 0) {
      showMessage(formMessage, ["This unit has no direct offer to issue from.", "Ask the property team to create one for the unit."], "info");
    }
  } catch (error) {
    showMessage(formMessage, staffDescribe(error));
  }
}

async function loadPasses() {
  const list = $("active-passes");
  try {
    const passes = (await Promise.all(unit.lotIds.flatMap((lot) => Running.map((status) =>
      allPages(call, `/api/lots/${lot}/passes?status=${status}&limit=100`))))).flat()
      .filter((p) => p.unitId === unit.id)
      .sort((a, b) => a.endsAt.localeCompare(b.endsAt));
    list.replaceChildren(...passes.map(passRow));
    $("no-passes").hidden = passes.length > 0;
    const quota = $("quota");
    quota.dataset.active = String(passes.length);
    quota.dataset.max = String(unit.maxConcurrentPasses);
    $("quota-used").textContent = String(passes.length);
    $("quota-max").textContent = String(unit.maxConcurrentPasses);
  } catch (error) {
    showMessage(passMessage, staffDescribe(error));
  }
}

/** Ending a pass cannot be undone, so it takes a second, explicit tap (no dialog: it stays in the page's flow). */
function passRow(pass) {
  const cancel = el("button", { type: "button", className: "secondary cancel-pass", "aria-expanded": "false", "aria-label": `End the pass of ${pass.plate}` }, "End now");
  const confirm = el("button", { type: "button", className: "confirm-cancel", hidden: true }, `Yes, end ${pass.plate}'s pass`);
  cancel.addEventListener("click", () => {
    confirm.hidden = !confirm.hidden;
    cancel.setAttribute("aria-expanded", String(!confirm.hidden));
    if (!confirm.hidden) {
      confirm.focus();
    }
  });
  confirm.addEventListener("click", () => cancelPass(pass, confirm));
  return el("li", { "data-pass-id": pass.id, "data-status": pass.status },
    el("span", {}, el("span", { className: "mono plate-text" }, pass.plate), " ",
      el("span", { className: "hint" }, `until ${when(pass.endsAt)}`)),
    el("span", { className: "actions" }, cancel, confirm));
}

async function cancelPass(pass, button) {
  button.disabled = true;
  try {
    await call(`/api/passes/${pass.id}/cancel`, { method: "POST" });
    showMessage(passMessage, ["Pass ended.", `${pass.plate} no longer has a pass; its place is free again.`], "info");
  } catch (error) {
    showMessage(passMessage, staffDescribe(error));
  } finally {
    button.disabled = false;
    await loadPasses();
  }
}

// One Idempotency-Key per attempt, as on the claim form: a retry after a lost answer or a double tap sends the same
// key, so the visitor gets one pass; changing what is sent starts a new attempt with a new key.
let key = newKey();
let sentBody = null;
let inFlight = null;
form.addEventListener("submit", (event) => {
  event.preventDefault();
  if (inFlight || !unit) {
    return;
  }
  const offerId = form.elements.offer.value;
  const body = JSON.stringify({ phone: form.elements.phone.value.trim(), plate: form.elements.plate.value.trim() });
  if (!offerId) {
    showMessage(formMessage, ["Choose a pass.", "This unit needs a direct offer first."]);
    return;
  }
  if (sentBody !== null && sentBody !== `${offerId}${body}`) {
    key = newKey();
  }
  sentBody = `${offerId}${body}`;
  const button = $("issue-pass");
  button.disabled = true;
  button.setAttribute("aria-busy", "true");
  formMessage.hidden = true;
  inFlight = (async () => {
    try {
      const pass = await call(`/api/offers/${encodeURIComponent(offerId)}/issue`, { method: "POST", body, headers: { "Idempotency-Key": key } });
      showMessage(formMessage, ["Pass issued.", `${pass.plate} may park until ${when(pass.endsAt)}. The visitor's pass page: ${location.origin}/p/${pass.id}`], "info");
      formMessage.dataset.passId = pass.id;
      form.elements.phone.value = "";
      form.elements.plate.value = "";
      key = newKey();
      sentBody = null;
      await loadPasses();
    } catch (error) {
      delete formMessage.dataset.passId;
      showMessage(formMessage, staffDescribe(error));
    } finally {
      button.disabled = false;
      button.removeAttribute("aria-busy");
      formMessage.focus();
      inFlight = null;
    }
  })();
});

$("unit-form").addEventListener("submit", (event) => {
  event.preventDefault();
  openUnit($("unit-id").value.trim());
});
$("refresh-passes").addEventListener("click", loadPasses);

session = setupSignIn({
  storageName: KeyName,
  form: $("key-form"),
  signedIn: $("signed-in"),
  message: pageMessage,
  onKey: async () => {
    // The key says which units its manager manages; the unit id field stays for a unit given by the property team.
    const me = await call("/api/api-keys/current");
    const units = me.managedUnitIds ?? [];
    $("unit-id").setAttribute("list", "managed-units");
    $("managed-units").replaceChildren(...units.map((id) => el("option", { value: id })));
    const saved = sessionStorage.getItem(UnitName);
    const first = saved ?? units[0];
    if (first) {
      await openUnit(first, { duringSignIn: true });
    }
  },
  onSignOut: () => {
    sessionStorage.removeItem(UnitName);
    unit = null;
    $("unit").hidden = true;
  },
});
