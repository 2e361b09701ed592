// Your own landscapes: upload photos, train a personal model on them (with its progress), paint with it.
import { callJson, fetchContent } from "./api.js";
import { el } from "./widgets.js";

const $ = id => document.getElementById(id);
const POLL_MS = 1000;

let userId = null;
let poll = null;
let studio = null;

// `hooks`: busy(message, action), showError(error), showPicture(picture) from the studio page.
export function setUpPersonal(hooks) {
  studio = hooks;
  $("photos-form").addEventListener("submit", upload);
  $("delete-photos").addEventListener("click", () => studio.busy("Deleting your photos…", async () => showPhotos(await callJson("DELETE", `/v1/users/${userId}/photos`))));
  $("training-form").addEventListener("submit", train);
  $("delete-model").addEventListener("click", () => studio.busy("Deleting your model…", async () => showStatus(await callJson("DELETE", `/v1/users/${userId}/landscape-models`))));
  $("paint-personal").addEventListener("click", () => studio.busy("Painting with your model…", async () =>
    studio.showPicture(await fetchContent("POST", `/v1/users/${userId}/landscapes`, { json: { model: "personal" } }))));
}

export async function enterPersonal(id) {
  userId = id;
  $("personal").hidden = false;
  const [photos, status] = await Promise.all([callJson("GET", `/v1/users/${userId}/photos`), callJson("GET", `/v1/users/${userId}/landscape-models`)]);
  showPhotos(photos);
  showStatus(status);
}

async function upload(event) {
  event.preventDefault();
  const files = [...$("photo-files").files];
  if (!files.length) {
    studio.showError(new Error("Choose one or more photos (JPEG or PNG) first."));
    $("photo-files").focus();
    return;
  }
  const form = new FormData();
  for (const file of files) form.append("photos", file, file.name);
  await studio.busy(`Uploading ${files.length} photo${files.length === 1 ? "" : "s"}…`, async () => {
    showPhotos(await callJson("POST", `/v1/users/${userId}/photos`, { form }));
    $("photo-files").value = "";
  });
}

async function train(event) {
  event.preventDefault();
  const minutes = Number($("cpu-minutes").value);
  await studio.busy("Starting the training…", async () => showStatus(await callJson("POST", `/v1/users/${userId}/landscape-models`, { json: { cpuMinutes: minutes } })));
}

function showPhotos(photos) {
  const list = photos.photos;
  $("photos-status").textContent = list.length
    ? `${list.length} photo${list.length === 1 ? "" : "s"} stored (at most ${photos.maxPhotos}).`
    : `No photos yet (at most ${photos.maxPhotos}).`;
  $("photo-list").replaceChildren(...list.map(p => el("li", { text: `${p.fileName} · ${p.width}×${p.height} ${p.format}` })));
  $("delete-photos").disabled = list.length === 0;
}

// Phases: None, Training, Ready, Stopped, Failed. Progress is CPU seconds spent of the budget.
function showStatus(status) {
  const bar = $("training-progress");
  const share = status.budgetCpuSeconds > 0 ? Math.min(1, status.cpuSeconds / status.budgetCpuSeconds) : 0;
  bar.value = status.phase === "Ready" ? 1 : share;
  bar.textContent = `${Math.round(bar.value * 100)} %`;
  const minutes = s => (s / 60).toFixed(s < 60 ? 2 : 1);
  const steps = n => `${n} step${n === 1 ? "" : "s"}`;
  const text = {
    None: "No personal model yet: upload at least a few photos, then train.",
    Training: `Training: step ${status.step}, ${minutes(status.cpuSeconds)} of ${minutes(status.budgetCpuSeconds)} CPU minutes.`,
    Ready: `Ready: version ${status.modelVersion} (${steps(status.step)}, ${minutes(status.cpuSeconds)} CPU minutes).`,
    Stopped: `Stopped at step ${status.step}.${status.message ? " " + status.message : ""}`,
    Failed: `Training failed: ${status.message ?? "no reason given"}.`,
  }[status.phase] ?? status.phase;
  $("training-status").textContent = text;
  $("training-status").dataset.phase = status.phase;
  $("paint-personal").disabled = !status.modelVersion;
  $("train").disabled = status.phase === "Training";
  clearTimeout(poll);
  if (status.phase === "Training") poll = setTimeout(refresh, POLL_MS);
}

async function refresh() {
  try {
    showStatus(await callJson("GET", `/v1/users/${userId}/landscape-models`));
  } catch (error) {
    studio.showError(error);
  }
}
