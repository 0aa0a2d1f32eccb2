// Shared by the staff pages (patrol, manager, console): signing in with an API key and calling the API with it.
// The key lives in this tab's sessionStorage only — never in a URL, a cookie or localStorage — so it is gone when the
// tab closes and is never sent anywhere but this server, in an Authorization header.
import { ApiError, api, showMessage } from "./common.js";

/** Problem codes where the server's own words need a next step a person can act on. */
const nextSteps = {
  unauthorized: "Check the key and sign in again.",
  forbidden: "This key's role may not do that; ask an operator.",
  not_found: "Check the id, or that this key may see it.",
  validation_failed: "Correct the value and try again.",
  rate_limited: "Wait a minute, then try again.",
  invalid_transition: "Refresh to see its current state.",
  unit_limit_reached: "End one of the unit's passes first.",
  storage_unavailable: "Try again in a few seconds.",
  timeout: "Try again in a few seconds.",
};

/** Plain words for any failed call: the problem's title and detail, never its JSON. */
export function staffDescribe(error) {
  if (!(error instanceof ApiError)) {
    return ["We could not reach the service.", "Check your connection and try again."];
  }
  const problem = error.problem ?? {};
  if (error.status === 401) {
    return ["That key was not accepted.", problem.detail ?? nextSteps.unauthorized];
  }
  const fields = problem.errors ? Object.values(problem.errors).flat().join(" ") : "";
  const what = problem.detail ?? problem.title ?? `The server answered ${error.status}.`;
  const next = [fields && fields !== what ? fields : "", nextSteps[error.code] ?? "Try again, or ask the property team."]
    .filter(Boolean).join(" ");
  return [what, next];
}

/**
 * A sign-in form bound to one sessionStorage entry. onKey runs with the key when the person signs in (or the tab
 * already holds one); it should throw an ApiError when the key is refused, so the form comes back with the reason.
 */
export function setupSignIn({ storageName, form, signedIn, message, onKey, onSignOut }) {
  const show = (on) => {
    form.hidden = on;
    signedIn.hidden = !on;
  };
  const start = async (key) => {
    try {
      await onKey(key);
      show(true);
    } catch (error) {
      sessionStorage.removeItem(storageName);
      show(false);
      showMessage(message, staffDescribe(error));
      message.focus();
    }
  };
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const key = form.elements.key.value.trim();
    if (!key) {
      showMessage(message, ["Enter your API key.", "It starts with vrps_ and was given to you once when it was made."]);
      return;
    }
    form.elements.key.value = "";
    message.hidden = true;
    sessionStorage.setItem(storageName, key);
    start(key);
  });
  document.querySelectorAll("[data-sign-out]").forEach((button) => button.addEventListener("click", () => {
    sessionStorage.removeItem(storageName);
    onSignOut?.();
    show(false);
    form.elements.key.focus();
  }));
  const saved = sessionStorage.getItem(storageName);
  if (saved) {
    start(saved);
  } else {
    show(false);
  }
  return {
    /** A call answered 401 (the key was revoked, or mistyped): forget it and ask again, saying why. */
    refuse(error) {
      sessionStorage.removeItem(storageName);
      onSignOut?.();
      show(false);
      showMessage(message, staffDescribe(error));
    },
  };
}

/** The API with the signed-in key as a bearer token; a 401 also goes to onRefused (to sign out). */
export function keyedApi(storageName, onRefused) {
  return async (path, options = {}) => {
    const key = sessionStorage.getItem(storageName) ?? "";
    try {
      return await api(path, { ...options, headers: { ...(options.headers ?? {}), Authorization: `Bearer ${key}` } });
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        onRefused?.(error);
      }
      throw error;
    }
  };
}

/** Every item of a paged list (items + nextCursor), up to a sane bound. */
export async function allPages(call, path, max = 1000) {
  const items = [];
  let cursor = null;
  do {
    const separator = path.includes("?") ? "&" : "?";
    const page = await call(cursor ? `${path}${separator}cursor=${encodeURIComponent(cursor)}` : path);
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor && items.length < max);
  return items;
}

/**
 * Reads the record a staff page works on (a lot, a unit) by an id typed or remembered in this tab; answers null after
 * saying why not in `message`. A refused key while signing in is rethrown, so the page signs out with the reason.
 */
export async function openById(call, id, path, message, { what, duringSignIn = false }) {
  if (!isGuid(id)) {
    showMessage(message, [`That ${what} id is not an id.`, `Paste the ${what} id as given (36 characters with dashes).`]);
    return null;
  }
  try {
    const record = await call(path(encodeURIComponent(id)));
    message.hidden = true;
    return record;
  } catch (error) {
    if (duringSignIn && error.status === 401) {
      throw error;
    }
    showMessage(message, staffDescribe(error));
    message.focus();
    return null;
  }
}

export const isGuid = (text) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(text);

/** An element with text, for building rows without innerHTML. */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (name === "className") {
      node.className = value;
    } else {
      node.setAttribute(name, value === true ? "" : String(value));
    }
  }
  node.append(...children.filter((c) => c !== undefined && c !== null).map((c) => (typeof c === "object" ? c : String(c))));
  return node;
}
