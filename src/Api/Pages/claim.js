// The claim form of the lot and group pages. One Idempotency-Key lives with the form: a double tap, or a retry after
// a lost answer, sends the same request under the same key, so the server issues one pass. Only when the visitor
// changes what they send does the form take a new key (the old one belongs to the request it was first sent with).
import { api, describe, newKey, showMessage } from "./common.js";

// The contact, plate, message and button of the form: one source for both pages, rendered into the form's
// [data-claim-fields] placeholder (static markup, no values in it, so innerHTML is safe here).
const fields = `
  <label for="contact">Phone number or email</label>
  <input id="contact" name="contact" type="text" inputmode="email" autocomplete="email" required aria-describedby="contact-hint">
  <p id="contact-hint" class="hint">We attach the pass to it. Example: +15551234567 or you@example.com</p>
  <label for="plate">Licence plate</label>
  <input id="plate" name="plate" type="text" autocomplete="off" autocapitalize="characters" required aria-describedby="plate-hint">
  <p id="plate-hint" class="hint">As on the vehicle, e.g. ABC 123.</p>
  <div data-message class="message" role="alert" hidden tabindex="-1"></div>
  <div class="actions"><button type="submit">Get my pass</button></div>`;

function renderFields(form) {
  const slot = form.querySelector("[data-claim-fields]");
  if (slot) {
    const template = document.createElement("template");
    template.innerHTML = fields;
    slot.replaceWith(template.content);
  }
}

export function setupClaimForm(form, { lotId, authorization }) {
  renderFields(form);
  const message = form.querySelector("[data-message]");
  const button = form.querySelector("button[type=submit]");
  let key = newKey();
  let sentBody = null;
  let inFlight = null;

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (inFlight) {
      return inFlight;
    }
    clearFieldErrors(form);
    const contact = form.elements.contact.value.trim();
    const plate = form.elements.plate.value.trim();
    const auth = authorization();
    if (!auth) {
      showMessage(message, ["Choose an offer or enter a claim code.", "Pick one of the passes above, or type the code you were given."]);
      return undefined;
    }
    const body = JSON.stringify({
      ...auth,
      lotId,
      ...(contact.includes("@") ? { email: contact } : { phone: contact }),
      plate,
    });
    if (sentBody !== null && sentBody !== body) {
      key = newKey();
    }
    sentBody = body;
    button.disabled = true;
    button.setAttribute("aria-busy", "true");
    message.hidden = true;
    inFlight = (async () => {
      try {
        const pass = await api("/api/claims", { method: "POST", body, headers: { "Idempotency-Key": key } });
        location.assign(`/p/${encodeURIComponent(pass.id)}`);
      } catch (error) {
        showMessage(message, describe(error));
        markFields(form, error);
        message.focus();
      } finally {
        button.disabled = false;
        button.removeAttribute("aria-busy");
        inFlight = null;
      }
    })();
    return inFlight;
  });

  return { get key() { return key; } };
}

function clearFieldErrors(form) {
  for (const input of form.querySelectorAll("[aria-invalid]")) {
    input.removeAttribute("aria-invalid");
  }
  for (const error of form.querySelectorAll(".field-error")) {
    error.remove();
  }
}

/** validation_failed names its fields: mark them, with the server's words beside them. */
function markFields(form, error) {
  const errors = error?.problem?.errors ?? {};
  const fields = { plate: "plate", phone: "contact", email: "contact", code: "code" };
  for (const [name, messages] of Object.entries(errors)) {
    const input = form.elements[fields[name]] ?? document.getElementById(fields[name]);
    if (!input) {
      continue;
    }
    input.setAttribute("aria-invalid", "true");
    const note = document.createElement("p");
    note.className = "field-error";
    note.id = `${input.id}-error`;
    note.textContent = messages.join(" ");
    input.setAttribute("aria-describedby", `${input.id}-hint ${note.id}`);
    input.after(note);
  }
  if (error?.code === "code_invalid") {
    const code = document.getElementById("code");
    code?.setAttribute("aria-invalid", "true");
  }
}
