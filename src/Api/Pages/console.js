// The operator console, /console, for operator keys: one property's lots, offers, today's amenity use and open
// tickets, kept current from the tenant's event feed without reloading.
//
// Test hooks:
//   sign in:   #key-form (#key, #sign-in), #sign-out, #page-message
//   property:  #property (select; value = property id)
//   lots:      #lots tr[data-lot-id] > td.occupied, td.capacity; #no-lots
//   offers:    #offers tr[data-offer-id] > td.claimed, td.capacity, td.status (text = API status); #no-offers
//   amenities: #amenities tr[data-amenity-id] > td.confirmed, td.waitlisted, td.slots; #no-amenities
//   tickets:   #tickets tr[data-ticket-id] > td.first-response .sla, td.resolution .sla
//              (.sla has class warning | breached | paused | met; data-state says the same); #no-tickets
//   feed:      #feed-state (data-state="live" | "reconnecting"), #events li[data-event-id][data-event-type]
//              (newest first), #no-events; #dashboard carries data-last-event-id
//
// API: GET /api/customers (ListCustomers: an operator's own), GET /api/customers/{id}/properties,
//      GET /api/properties/{id}/lots, GET /api/lots/{id}/passes?status= (occupancy = running passes),
//      GET /api/lots/{id}/offers, GET /api/offers/{id}, GET /api/pass-types/{id},
//      GET /api/properties/{id}/amenities (ListAmenities), GET /api/amenities/{id}/availability?from=&to=,
//      GET /api/properties/{id}/tickets, GET /api/tickets/{id}, GET /api/events (StreamEvents, SSE).
//
// The feed is read with fetch() and a stream reader, not EventSource: EventSource cannot send the Authorization
// header, and the key must never go into a URL. The parser below follows the SSE format (id:, event:, data:, comments)
// and a dropped stream reconnects with Last-Event-ID, so no event is missed or shown twice.
import { ApiError, showMessage, when } from "./common.js";
import { allPages, el, keyedApi, setupSignIn, staffDescribe } from "./staff.js";

const KeyName = "vrps.key.operator";
const PropertyName = "vrps.console.property";
const Running = ["active", "expiring_soon"];
const Done = new Set(["resolved", "closed", "cancelled"]);
const MaxEvents = 100;
let session = null;
const call = keyedApi(KeyName, (error) => session?.refuse(error));
const $ = (id) => document.getElementById(id);
const pageMessage = $("page-message");

let propertyId = null;
let feed = null;
const lotNames = new Map();
const passTypeNames = new Map();

// ---- rows -------------------------------------------------------------------------------------------------------

/** Replaces (or adds) the row keyed by attribute=value in the table body, flashing it so a change is noticed. */
function upsertRow(tableId, attribute, value, cells, flash = true) {
  const body = $(tableId).tBodies[0];
  const row = el("tr", { [attribute]: value, className: flash ? "updated" : undefined }, ...cells);
  const existing = body.querySelector(`tr[${attribute}="${CSS.escape(value)}"]`);
  if (existing) {
    existing.replaceWith(row);
  } else {
    body.append(row);
  }
  $(`no-${tableId}`).hidden = body.rows.length > 0;
}

function removeRow(tableId, attribute, value) {
  const body = $(tableId).tBodies[0];
  body.querySelector(`tr[${attribute}="${CSS.escape(value)}"]`)?.remove();
  $(`no-${tableId}`).hidden = body.rows.length > 0;
}

const td = (className, ...content) => el("td", { className }, ...content);

// ---- lots ---------------------------------------------------------------------------------------------------------

async function occupancy(lotId) {
  const counts = await Promise.all(Running.map((status) => allPages(call, `/api/lots/${lotId}/passes?status=${status}&limit=100`)));
  return counts.reduce((sum, passes) => sum + passes.length, 0);
}

async function showLot(lot, flash) {
  lotNames.set(lot.id, lot.name);
  const occupied = await occupancy(lot.id);
  upsertRow("lots", "data-lot-id", lot.id, [
    el("th", { scope: "row" }, lot.name),
    td("occupied", occupied),
    td("capacity", lot.capacity),
  ], flash);
}

async function refreshLot(lotId) {
  if (!lotNames.has(lotId)) {
    return;
  }
  try {
    await showLot(await call(`/api/lots/${lotId}`), true);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) {
      removeRow("lots", "data-lot-id", lotId);
    }
  }
}

// ---- offers -------------------------------------------------------------------------------------------------------

async function passTypeName(id) {
  if (!passTypeNames.has(id)) {
    passTypeNames.set(id, call(`/api/pass-types/${id}`).then((t) => t.name, () => "Pass"));
  }
  return passTypeNames.get(id);
}

const kindWords = { open: "Open", claim_code: "Code", group: "Group", direct: "Direct" };

async function showOffer(offer, flash) {
  upsertRow("offers", "data-offer-id", offer.id, [
    el("th", { scope: "row" }, `${await passTypeName(offer.passTypeId)} · ${kindWords[offer.kind] ?? offer.kind}`),
    td("lot", lotNames.get(offer.lotId) ?? ""),
    td("claimed", offer.claimedCount),
    td("capacity", offer.capacity ?? "∞"),
    td("status", offer.status),
  ], flash);
}

async function refreshOffer(offerId) {
  try {
    const offer = await call(`/api/offers/${offerId}`);
    if (offer.propertyId === propertyId) {
      await showOffer(offer, true);
    }
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) {
      removeRow("offers", "data-offer-id", offerId);
    }
  }
}

// ---- amenities ----------------------------------------------------------------------------------------------------

/** Today in this browser's clock: midnight to midnight. */
function today() {
  const start = new Date();
  start.setHours(0, 0, 0, 0);
  const end = new Date(start);
  end.setDate(end.getDate() + 1);
  return [start, end];
}

async function showAmenity(amenity, flash) {
  const [from, to] = today();
  const availability = await call(`/api/amenities/${amenity.id}/availability?from=${encodeURIComponent(from.toISOString())}&to=${encodeURIComponent(to.toISOString())}`);
  const used = availability.slots.filter((s) => s.confirmed > 0 || s.waitlisted > 0);
  const time = new Intl.DateTimeFormat(undefined, { timeStyle: "short" });
  upsertRow("amenities", "data-amenity-id", amenity.id, [
    el("th", { scope: "row" }, amenity.name),
    td("confirmed", availability.slots.reduce((sum, s) => sum + s.confirmed, 0)),
    td("waitlisted", availability.slots.reduce((sum, s) => sum + s.waitlisted, 0)),
    td("slots", used.length === 0 ? "none" : used.map((s) =>
      `${time.format(new Date(s.start))}: ${s.confirmed}/${s.capacity}${s.waitlisted ? ` +${s.waitlisted} waiting` : ""}`).join(" · ")),
  ], flash);
}

async function refreshAmenity(amenityId) {
  try {
    const amenity = await call(`/api/amenities/${amenityId}`);
    if (amenity.propertyId === propertyId) {
      await showAmenity(amenity, true);
    }
  } catch {
    // An amenity that cannot be read now is left as it was; the next event tries again.
  }
}

// ---- tickets ------------------------------------------------------------------------------------------------------

function slaCell(className, clock) {
  const span = el("span", { className: "sla" });
  const cell = td(className, span);
  cell.slaClock = clock;
  paintSla(span, clock);
  return cell;
}

function left(ms) {
  const sign = ms < 0 ? "−" : "";
  const total = Math.floor(Math.abs(ms) / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return `${sign}${h > 0 ? `${h}:` : ""}${String(m).padStart(h > 0 ? 2 : 1, "0")}:${String(s).padStart(2, "0")}`;
}

/** The clock as of now: counting down to breachAt while it runs; warning from warningAt; breached past it. */
function paintSla(span, clock) {
  const now = Date.now();
  let state;
  let text;
  if (clock.stopped) {
    state = clock.breached ? "breached" : "met";
    text = clock.breached ? "breached" : "met";
  } else if (clock.paused) {
    state = "paused";
    text = `paused · ${left(clock.remainingMinutes * 60000)} left`;
  } else {
    const breachAt = clock.breachAt ? new Date(clock.breachAt).getTime() : now + clock.remainingMinutes * 60000;
    const warningAt = clock.warningAt ? new Date(clock.warningAt).getTime() : Infinity;
    const remaining = breachAt - now;
    state = clock.breached || remaining <= 0 ? "breached" : now >= warningAt ? "warning" : "running";
    text = state === "breached" ? `breached ${left(-remaining)} ago` : `${left(remaining)} left`;
  }
  span.className = `sla ${state === "running" ? "" : state}`.trim();
  span.dataset.state = state;
  span.textContent = state === "warning" ? `⚠ ${text}` : text;
}

function showTicket(ticket, flash) {
  if (Done.has(ticket.status)) {
    removeRow("tickets", "data-ticket-id", ticket.id);
    return;
  }
  upsertRow("tickets", "data-ticket-id", ticket.id, [
    el("th", { scope: "row" }, ticket.title, el("span", { className: "hint" }, ` ${ticket.category}`)),
    td("priority", ticket.priority),
    td("status", ticket.status.replace("_", " ")),
    slaCell("first-response", ticket.firstResponse),
    slaCell("resolution", ticket.resolution),
  ], flash);
}

async function refreshTicket(ticketId) {
  try {
    const ticket = await call(`/api/tickets/${ticketId}`);
    if (ticket.propertyId === propertyId) {
      showTicket(ticket, true);
    }
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) {
      removeRow("tickets", "data-ticket-id", ticketId);
    }
  }
}

setInterval(() => {
  for (const cell of document.querySelectorAll("#tickets td.first-response, #tickets td.resolution")) {
    paintSla(cell.firstElementChild, cell.slaClock);
  }
}, 1000);

// ---- the property -------------------------------------------------------------------------------------------------

async function loadProperty(id) {
  propertyId = id;
  sessionStorage.setItem(PropertyName, id);
  for (const table of ["lots", "offers", "amenities", "tickets"]) {
    $(table).tBodies[0].replaceChildren();
  }
  lotNames.clear();
  try {
    const lots = await allPages(call, `/api/properties/${id}/lots?limit=100`);
    await Promise.all(lots.map((lot) => showLot(lot, false)));
    const offers = (await Promise.all(lots.map((lot) => allPages(call, `/api/lots/${lot.id}/offers?limit=100`)))).flat();
    await Promise.all(offers.map((offer) => showOffer(offer, false)));
    const amenities = await allPages(call, `/api/properties/${id}/amenities?limit=100`);
    await Promise.all(amenities.map((amenity) => showAmenity(amenity, false)));
    const all = await allPages(call, `/api/properties/${id}/tickets?limit=100`);
    all.forEach((ticket) => showTicket(ticket, false));
    for (const table of ["lots", "offers", "amenities", "tickets"]) {
      $(`no-${table}`).hidden = $(table).tBodies[0].rows.length > 0;
    }
    $("dashboard").hidden = false;
    pageMessage.hidden = true;
  } catch (error) {
    if (error.status === 401) {
      throw error;
    }
    showMessage(pageMessage, staffDescribe(error));
  }
}

async function signIn() {
  const customers = await allPages(call, "/api/customers?limit=100");
  const properties = (await Promise.all(customers.map((c) => allPages(call, `/api/customers/${c.id}/properties?limit=100`)))).flat();
  const select = $("property");
  select.replaceChildren(...properties.map((p) => el("option", { value: p.id }, p.name)));
  if (properties.length === 0) {
    showMessage(pageMessage, ["This key's customer has no properties yet.", "Create one through the API first."], "info");
    return;
  }
  const saved = sessionStorage.getItem(PropertyName);
  select.value = properties.some((p) => p.id === saved) ? saved : properties[0].id;
  await loadProperty(select.value);
  startFeed();
}

// ---- the live feed ------------------------------------------------------------------------------------------------

function eventSummary(type, data) {
  const parts = [];
  if (data.plate) parts.push(data.plate);
  if (data.title) parts.push(data.title);
  if (data.name) parts.push(data.name);
  if (data.resident) parts.push(data.resident);
  if (data.status && !type.endsWith(data.status)) parts.push(data.status);
  if (data.ticket?.title) parts.push(data.ticket.title);
  return parts.join(" · ");
}

function showEvent(id, type, payload) {
  const list = $("events");
  list.prepend(el("li", { "data-event-id": id, "data-event-type": type },
    el("span", { className: "type" }, type), " ",
    el("span", { className: "hint" }, `${when(payload.occurredAt ?? new Date().toISOString())}${eventSummary(type, payload.data ?? {}) ? ` · ${eventSummary(type, payload.data ?? {})}` : ""}`)));
  while (list.children.length > MaxEvents) {
    list.lastElementChild.remove();
  }
  $("no-events").hidden = true;
}

/** Re-reads what the event changed: the affected row only, never the page. */
function applyEvent(type, data) {
  const ofProperty = (data.propertyId ?? data.ticket?.propertyId) === propertyId;
  const [kind] = type.split(".");
  switch (kind) {
    case "pass":
      if (ofProperty) {
        refreshOffer(data.offerId);
        refreshLot(data.lotId);
      }
      break;
    case "offer":
      if (ofProperty) {
        refreshOffer(data.id);
      }
      break;
    case "lot":
      if (ofProperty) {
        if (type === "lot.deleted") {
          removeRow("lots", "data-lot-id", data.id);
        } else {
          lotNames.set(data.id, data.name);
          refreshLot(data.id);
        }
      }
      break;
    case "ticket":
      if (ofProperty) {
        refreshTicket(data.ticketId ?? data.ticket?.id ?? data.id);
      }
      break;
    case "booking":
      if (ofProperty) {
        refreshAmenity(data.amenityId);
      }
      break;
    case "amenity":
      if (ofProperty) {
        refreshAmenity(data.id);
      }
      break;
    default:
      break;
  }
}

function setFeedState(state, words) {
  const badge = $("feed-state");
  badge.dataset.state = state;
  badge.className = `feed-state ${state === "live" ? "live" : "down"}`;
  badge.textContent = words;
}

/** One SSE message block: its id, event type and data (multi-line data joined with \n, per the format). */
function parseBlock(block) {
  let id = null;
  let type = "message";
  const data = [];
  for (const line of block.split("\n")) {
    if (line === "" || line.startsWith(":")) {
      continue;
    }
    const colon = line.indexOf(":");
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) {
      value = value.slice(1);
    }
    if (field === "id") id = value;
    else if (field === "event") type = value;
    else if (field === "data") data.push(value);
  }
  return data.length === 0 ? null : { id, type, data: data.join("\n") };
}

function startFeed() {
  feed?.abort();
  const controller = new AbortController();
  feed = controller;
  let lastEventId = null;
  let delay = 1000;

  const connect = async () => {
    const headers = { Accept: "text/event-stream", Authorization: `Bearer ${sessionStorage.getItem(KeyName) ?? ""}` };
    if (lastEventId) {
      headers["Last-Event-ID"] = lastEventId;
    }
    // The first connection starts at now (the tables were just read); reconnections resume after the last id seen.
    const response = await fetch(lastEventId ? "/api/events" : "/api/events?from=now", { headers, signal: controller.signal });
    if (!response.ok) {
      const text = await response.text();
      throw new ApiError(response.status, text ? JSON.parse(text) : {});
    }
    setFeedState("live", "live");
    delay = 1000;
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) {
        return;
      }
      buffer += value.replace(/\r\n?/g, "\n");
      let end;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const message = parseBlock(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
        if (!message) {
          continue;
        }
        if (message.id) {
          lastEventId = message.id;
          $("dashboard").dataset.lastEventId = message.id;
        }
        let payload;
        try {
          payload = JSON.parse(message.data);
        } catch {
          continue;
        }
        showEvent(message.id, message.type, payload);
        applyEvent(message.type, payload.data ?? {});
      }
    }
  };

  (async () => {
    while (!controller.signal.aborted) {
      try {
        await connect();
      } catch (error) {
        if (controller.signal.aborted) {
          return;
        }
        if (error instanceof ApiError && (error.status === 401 || error.status === 403)) {
          setFeedState("stopped", "stopped");
          if (error.status === 401) {
            session?.refuse(error);
          } else {
            showMessage(pageMessage, staffDescribe(error));
          }
          return;
        }
      }
      if (controller.signal.aborted) {
        return;
      }
      setFeedState("reconnecting", `reconnecting in ${Math.round(delay / 1000)} s…`);
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 15000);
    }
  })();
}

$("property").addEventListener("change", (event) => loadProperty(event.currentTarget.value));

session = setupSignIn({
  storageName: KeyName,
  form: $("key-form"),
  signedIn: $("signed-in"),
  message: pageMessage,
  onKey: signIn,
  onSignOut: () => {
    feed?.abort();
    feed = null;
    sessionStorage.removeItem(PropertyName);
    $("dashboard").hidden = true;
  },
});
