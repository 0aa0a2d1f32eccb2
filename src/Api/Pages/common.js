// Shared by the pages: reading the public API, the property's branding, and refusals in plain words.

/** A problem's stable code → what happened and what to do, for the visitor. */
const refusals = {
  offer_exhausted: ["Every pass of this offer has been claimed.", "Ask the property for another offer, or try another one on this page."],
  offer_not_active: ["This offer is no longer open.", "Ask the property team for a current one."],
  outside_claim_window: ["This pass cannot be claimed right now.", "Check the dates or times the offer is open and try again then."],
  code_invalid: ["That code is not right for this lot.", "Check the code for typos, or ask whoever gave it to you for a new one."],
  unit_limit_reached: ["The unit has as many active passes as it may hold.", "Ask your host to end one of their passes, then try again."],
  lot_full: ["The lot is full.", "Try again later when a place frees up."],
  quota_exceeded: ["This plate or unit has used up its parking allowance for now.", "Try again when the allowance renews, or ask the property team."],
  rate_limited: ["Too many tries from this device in a short time.", "Wait a minute, then try again."],
  idempotency_key_in_progress: ["Your request is still being processed.", "Wait a few seconds; your pass will not be issued twice."],
  storage_unavailable: ["The service is briefly unavailable.", "Try again in a few seconds; your pass will not be issued twice."],
  timeout: ["The service is briefly unavailable.", "Try again in a few seconds; your pass will not be issued twice."],
  lot_not_found: ["This lot page does not exist.", "Scan the code at the lot entrance again, or check the link."],
  share_link_not_found: ["This share link is not valid.", "Ask whoever sent it for a new link."],
  pass_not_found: ["This pass does not exist.", "Check the link you were given."],
};

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail ?? `The server answered ${status}.`);
    this.status = status;
    this.problem = problem ?? {};
    this.code = this.problem.code ?? "unknown";
  }
}

/** GET or POST JSON; a problem answer becomes an ApiError carrying its code. */
export async function api(path, { method = "GET", body, headers = {} } = {}) {
  const init = { method, headers: { Accept: "application/json", ...headers } };
  if (body !== undefined) {
    init.headers["Content-Type"] = "application/json";
    init.body = typeof body === "string" ? body : JSON.stringify(body);
  }
  const response = await fetch(path, init);
  const text = await response.text();
  const json = text ? JSON.parse(text) : {};
  if (!response.ok) {
    throw new ApiError(response.status, json);
  }
  return json;
}

/** Plain words for a refusal: [what happened, what to do]. */
export function describe(error) {
  if (!(error instanceof ApiError)) {
    return ["We could not reach the service.", "Check your connection and try again; your pass will not be issued twice."];
  }
  if (refusals[error.code]) {
    return refusals[error.code];
  }
  if (error.code === "validation_failed") {
    return ["Some details need fixing.", error.problem.detail ?? "Check the fields marked below."];
  }
  return [error.problem.detail ?? "Something went wrong.", "Try again, or ask the property team."];
}

/** Shows a message in a live region, so screen readers announce it. */
export function showMessage(element, [what, next], kind = "error") {
  element.replaceChildren();
  const strong = document.createElement("strong");
  strong.textContent = what;
  const p = document.createElement("span");
  p.textContent = next;
  element.append(strong, p);
  element.className = kind === "error" ? "message" : "message info";
  element.hidden = false;
}

function luminance(hex) {
  const full = hex.length === 4 ? `#${hex[1]}${hex[1]}${hex[2]}${hex[2]}${hex[3]}${hex[3]}` : hex;
  const channel = (i) => {
    const c = parseInt(full.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** Black or white, whichever reads better on the colour (WCAG contrast ratio). */
export function textOn(hex) {
  const l = luminance(hex);
  return (l + 0.05) / 0.05 >= 1.05 / (l + 0.05) ? "#000000" : "#ffffff";
}

/** The property's logo, name and colours in the brand bar. */
export function applyBranding(propertyName, branding) {
  const root = document.documentElement.style;
  if (branding?.primaryColor) {
    root.setProperty("--brand", branding.primaryColor);
    root.setProperty("--brand-text", textOn(branding.primaryColor));
    // Links on white keep AA: the brand colour only when it is dark enough, else the default blue.
    if ((1.05) / (luminance(branding.primaryColor) + 0.05) >= 4.5) {
      root.setProperty("--brand-link", branding.primaryColor);
    }
  }
  if (branding?.secondaryColor) {
    root.setProperty("--accent", branding.secondaryColor);
  }
  const bar = document.querySelector(".brand-bar");
  if (!bar) {
    return;
  }
  bar.replaceChildren();
  if (branding?.logoUrl) {
    const logo = document.createElement("img");
    logo.src = branding.logoUrl;
    logo.alt = `${propertyName} logo`;
    bar.append(logo);
  }
  const name = document.createElement("span");
  name.className = "property";
  name.textContent = propertyName;
  bar.append(name);
}

/** A random UUID; crypto.randomUUID needs a secure context, getRandomValues works everywhere. */
export function newKey() {
  if (crypto.randomUUID) {
    return crypto.randomUUID();
  }
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function money(cents) {
  return cents === 0 ? "Free" : new Intl.NumberFormat(undefined, { style: "currency", currency: "USD" }).format(cents / 100);
}

export function duration(rule) {
  switch (rule.kind) {
    case "minutes": return `${rule.value} minutes`;
    case "hours": return rule.value === 1 ? "1 hour" : `${rule.value} hours`;
    case "days": return rule.value === 1 ? "1 day" : `${rule.value} days`;
    case "end_of_day": return "until midnight";
    case "calendar_month": return "until the end of the month";
    default: return rule.kind;
  }
}

export function when(iso) {
  return new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso));
}

/** The last path segment: the slug, share token or pass id the page is for. */
export function pathId() {
  return decodeURIComponent(location.pathname.split("/").filter(Boolean).pop() ?? "");
}
