// The studio page: account, preferences, the Compose / Paint / Experience buttons, results and history.
import { ApiError, call, callJson, fetchContent, storedKey, storeKey, forgetKey, userIdOf } from "./api.js";
import { el, starRating, describe } from "./widgets.js";
import { musicCard, pictureCard, experienceCard, rateRecipe, wavOf } from "./results.js";
import { setUpPersonal, enterPersonal } from "./personal.js";

const $ = id => document.getElementById(id);
let userId = null;
let models = null;
let preferences = null;

function showError(error) {
  const box = $("error");
  box.textContent = error ? (error instanceof ApiError || error instanceof Error ? error.message : String(error)) : "";
  box.hidden = !error;
}

// Runs one action with the creating buttons disabled and a status line; errors become readable messages.
async function busy(message, action) {
  const buttons = document.querySelectorAll("#create button");
  buttons.forEach(b => (b.disabled = true));
  $("busy").textContent = message;
  showError(null);
  try {
    await action();
    $("busy").textContent = "";
  } catch (error) {
    $("busy").textContent = "";
    showError(error);
  } finally {
    buttons.forEach(b => (b.disabled = false));
  }
}

function showResult(card) {
  $("result").hidden = false;
  $("result-body").replaceChildren(card);
  card.setAttribute("tabindex", "-1");
  card.focus();
}

// ---- account ----
async function signUp() {
  await busy("Creating your studio…", async () => {
    const created = await callJson("POST", "/v1/users", { auth: false });
    storeKey(created.apiKey);
    $("new-key-value").value = created.apiKey;
    $("new-key").hidden = false;
    await enter();
    $("new-key-value").focus();
    $("new-key-value").select();
  });
}

async function copyKey() {
  const input = $("new-key-value");
  input.select();
  try {
    await navigator.clipboard.writeText(input.value);
    $("copy-status").textContent = "Copied.";
  } catch {
    $("copy-status").textContent = "Select the key and copy it (Ctrl+C): this browser does not allow copying from here.";
  }
}

function signOut() {
  forgetKey();
  location.reload();
}

async function enter() {
  userId = userIdOf(storedKey());
  if (!userId) {
    forgetKey();
    throw new Error("That does not look like a CreativeGen API key (cg_ followed by the user id and the secret).");
  }
  [models, preferences] = await Promise.all([callJson("GET", "/v1/models"), callJson("GET", `/v1/users/${userId}/preferences`)]);
  $("user-id").textContent = userId;
  $("signed-in").hidden = false;
  $("signed-out").hidden = true;
  for (const id of ["preferences", "create", "history"]) $(id).hidden = false;
  fillPreferences();
  await Promise.all([loadHistory(), enterPersonal(userId)]);
}

// ---- preferences ----
function checkboxes(container, name, options, chosen) {
  const lower = new Set((chosen || []).map(c => c.toLowerCase()));
  container.replaceChildren(...options.map(option => {
    const id = `${name}-${option}`;
    return el("span", { class: "choice" },
      el("input", { type: "checkbox", id, name, value: option, checked: lower.has(option.toLowerCase()) }),
      el("label", { for: id, text: option }));
  }));
}

function ticked(name) {
  return [...document.querySelectorAll(`input[name="${name}"]:checked`)].map(i => i.value);
}

function fillPreferences() {
  const m = preferences.music, l = preferences.landscapes;
  checkboxes($("composer-choices"), "composer", models.music.composers, m.composers);
  // Instruments appear once the music model offers them (and preferences carry them).
  const instruments = models.music.instruments;
  $("instruments").hidden = !Array.isArray(instruments) || !Array.isArray(m.instruments);
  if (!$("instruments").hidden) checkboxes($("instrument-choices"), "instrument", instruments, m.instruments);
  checkboxes($("category-choices"), "category", models.landscape.categories, l.categories);
  $("min-tempo").value = m.minTempoBpm;
  $("max-tempo").value = m.maxTempoBpm;
  $("length").value = m.lengthSeconds;
  $("temperature").value = m.temperature;
  $("truncation").value = l.truncation;
  $("truncation-value").textContent = l.truncation;
}

async function savePreferences(event) {
  event.preventDefault();
  const music = {
    ...preferences.music,
    composers: ticked("composer"),
    minTempoBpm: Number($("min-tempo").value),
    maxTempoBpm: Number($("max-tempo").value),
    lengthSeconds: Number($("length").value),
    temperature: Number($("temperature").value),
  };
  if (!$("instruments").hidden) music.instruments = ticked("instrument");
  const body = { ...preferences, music, landscapes: { ...preferences.landscapes, categories: ticked("category"), truncation: Number($("truncation").value) } };
  $("preferences-status").textContent = "Saving…";
  showError(null);
  try {
    preferences = await callJson("PUT", `/v1/users/${userId}/preferences`, { json: body });
    fillPreferences();
    $("preferences-status").textContent = "Saved.";
  } catch (error) {
    $("preferences-status").textContent = "Not saved.";
    showError(error);
  }
}

// ---- creating ----
async function compose() {
  await busy("Composing…", async () => {
    let wav = null, recipeId;
    try {
      wav = await fetchContent("POST", `/v1/users/${userId}/music?format=wav`);
      recipeId = wav.recipeId;
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 406)) throw error;
      recipeId = (await call("POST", `/v1/users/${userId}/music`)).headers.get("X-Recipe-Id"); // MIDI only: no synthesizer here
    }
    const entry = await loadHistory(recipeId);
    showResult(musicCard(userId, recipeId, wav, entry?.recipe));
  });
}

async function paint() {
  await busy("Painting…", async () => {
    const picture = await fetchContent("POST", `/v1/users/${userId}/landscapes`);
    const entry = await loadHistory(picture.recipeId);
    showResult(pictureCard(userId, picture.recipeId, picture, entry?.recipe));
  });
}

async function showPicture(picture) {
  const entry = await loadHistory(picture.recipeId);
  showResult(pictureCard(userId, picture.recipeId, picture, entry?.recipe));
}

async function experience(event) {
  event.preventDefault();
  await busy("Painting and composing your experience…", async () => {
    const wish = { theme: $("theme").value.trim() || null, mood: $("mood").value || null };
    const view = await callJson("POST", `/v1/users/${userId}/experiences`, { json: wish });
    showResult(await experienceCard(userId, view));
    await loadHistory();
  });
}

// ---- history ----
// Reloads both lists; returns the history entry of `recipeId` when asked for one.
async function loadHistory(recipeId) {
  const [entries, experiences] = await Promise.all([
    callJson("GET", `/v1/users/${userId}/history?limit=30`),
    callJson("GET", `/v1/users/${userId}/experiences?limit=10`),
  ]);
  $("history-list").replaceChildren(...entries.map(entry => el("li", { "data-recipe-id": entry.recipeId },
    el("span", { class: "what", text: describe(entry.recipe) }),
    el("time", { datetime: entry.receivedAt, text: new Date(entry.receivedAt).toLocaleString() }),
    el("button", { type: "button", class: "regenerate", text: "Regenerate", "aria-label": `Regenerate ${describe(entry.recipe)}`, onclick: () => reopen(entry) }),
    starRating("Rating", entry.rating ?? undefined, rateRecipe(userId, entry.recipeId)))));
  if (!entries.length) $("history-list").replaceChildren(el("li", { class: "hint", text: "Nothing yet: compose or paint something." }));
  $("experience-list").replaceChildren(...experiences.map(view => el("li", { "data-experience-id": view.experienceId },
    el("span", { class: "what", text: `${view.theme ? `“${view.theme}” · ` : ""}${view.match.category} with ${view.match.style ?? "music"} at ${view.match.tempoBpm} BPM` }),
    el("time", { datetime: view.createdAt, text: new Date(view.createdAt).toLocaleString() }),
    el("button", { type: "button", class: "regenerate", text: "Open", onclick: () => busy("Regenerating…", async () => showResult(await experienceCard(userId, view))) }),
    el("span", { class: "hint", text: view.rating ? `${view.rating}/5` : "not rated" }))));
  if (!experiences.length) $("experience-list").replaceChildren(el("li", { class: "hint", text: "No experiences yet." }));
  return recipeId ? entries.find(e => e.recipeId === recipeId) : undefined;
}

// The same bytes again, regenerated from the recipe.
function reopen(entry) {
  return busy("Regenerating…", async () => {
    if (entry.recipe.kind === "Music") showResult(musicCard(userId, entry.recipeId, await wavOf(entry.recipeId), entry.recipe, { rate: false }));
    else showResult(pictureCard(userId, entry.recipeId, await fetchContent("GET", `/v1/content/${entry.recipeId}`), entry.recipe, { rate: false }));
  });
}

// ---- start ----
document.addEventListener("DOMContentLoaded", () => {
  $("sign-up").addEventListener("click", signUp);
  $("copy-key").addEventListener("click", copyKey);
  $("key-saved").addEventListener("click", () => { $("new-key").hidden = true; $("new-key-value").value = ""; $("compose").focus(); });
  $("sign-out").addEventListener("click", signOut);
  $("sign-in-form").addEventListener("submit", event => {
    event.preventDefault();
    storeKey($("existing-key").value.trim());
    busy("Signing in…", enter);
  });
  $("preferences-form").addEventListener("submit", savePreferences);
  $("truncation").addEventListener("input", () => ($("truncation-value").textContent = $("truncation").value));
  $("compose").addEventListener("click", compose);
  $("paint").addEventListener("click", paint);
  $("experience-form").addEventListener("submit", experience);
  setUpPersonal({ busy, showError, showPicture });
  $("refresh-history").addEventListener("click", () => busy("Loading history…", () => loadHistory()));
  if (storedKey()) busy("Opening your studio…", enter);
});
