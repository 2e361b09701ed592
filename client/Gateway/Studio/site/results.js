// Result cards: a piece (audio player, MIDI download), a picture (large and crisp), an experience (both, with lyrics).
import { call, callJson, fetchContent, ApiError } from "./api.js";
import { el, starRating, recipeFacts, download } from "./widgets.js";
import { parseLrc, showLyrics } from "./lyrics.js";

// Largest on-screen size of a picture; it is enlarged by a whole factor so every pixel stays a sharp square.
const PICTURE_BOX = 512;

export function rateRecipe(userId, recipeId) {
  return stars => callJson("POST", `/v1/users/${userId}/ratings`, { json: { recipeId, stars } });
}

// The WAV of a recipe, or null where the server has no synthesizer (406): the MIDI download still works.
export async function wavOf(recipeId) {
  try {
    return await fetchContent("GET", `/v1/content/${recipeId}?format=wav`);
  } catch (error) {
    if (error instanceof ApiError && error.status === 406) return null;
    throw error;
  }
}

export function musicCard(userId, recipeId, wav, recipe, { rate = true } = {}) {
  const player = wav
    ? el("audio", { controls: true, preload: "auto", src: wav.url, "aria-label": "The piece (WAV)" })
    : el("p", { class: "hint", text: "This server has no synthesizer, so there is no audio to play here: download the MIDI." });
  const midi = el("button", {
    type: "button", class: "download-midi", text: "Download MIDI",
    onclick: () => download(() => fetchContent("GET", `/v1/content/${recipeId}`), `${recipeId}.mid`),
  });
  const wavLink = wav ? el("a", { href: wav.url, download: `${recipeId}.wav`, class: "download-wav", text: "Download WAV" }) : null;
  return el("article", { class: "card", "data-kind": "music", "data-recipe-id": recipeId },
    el("h3", { text: "Your piece" }), player, el("div", { class: "row" }, midi, wavLink),
    recipe ? recipeFacts(recipe) : null,
    rate ? starRating("Rate this piece", undefined, rateRecipe(userId, recipeId)) : null);
}

export function pictureCard(userId, recipeId, picture, recipe, { rate = true } = {}) {
  const category = recipe?.landscape?.category ?? "landscape";
  const image = el("img", { src: picture.url, class: "pixel", alt: `A generated ${category} picture, enlarged with square pixels` });
  image.addEventListener("load", () => {
    const scale = Math.max(1, Math.floor(PICTURE_BOX / image.naturalWidth));
    image.style.width = `${image.naturalWidth * scale}px`;
    image.dataset.scale = String(scale);
  });
  return el("article", { class: "card", "data-kind": "picture", "data-recipe-id": recipeId },
    el("h3", { text: "Your picture" }), el("div", { class: "frame" }, image),
    el("p", {}, el("a", { href: picture.url, download: `${recipeId}.png`, text: "Download PNG (as painted)" })),
    recipe ? recipeFacts(recipe) : null,
    rate ? starRating("Rate this picture", undefined, rateRecipe(userId, recipeId)) : null);
}

export async function experienceCard(userId, view) {
  const [picture, wav] = await Promise.all([fetchContent("GET", view.picture.url), wavOf(view.song.recipeId)]);
  const pictureCardNode = pictureCard(userId, view.picture.recipeId, picture, view.picture.recipe);
  const musicCardNode = musicCard(userId, view.song.recipeId, wav, view.song.recipe);
  const lyrics = el("section", { class: "lyrics", "aria-label": "Lyrics" }, el("h4", { text: "Lyrics" }));
  if (view.lyrics) {
    const text = (await (await call("GET", view.lyrics.url, { accept: "application/json" })).json()).lrc;
    const list = el("ol", { class: "lyric-lines", tabindex: "0", "aria-label": "Lyrics, the current line highlighted" });
    lyrics.append(list);
    const audio = musicCardNode.querySelector("audio");
    if (audio) showLyrics(list, parseLrc(text), audio);
    else list.replaceChildren(...parseLrc(text).map(line => el("li", { text: line.words })));
  } else {
    lyrics.append(el("p", { class: "hint", text: "No lyrics: this experience was made before songs were sung." }));
  }
  const heading = view.theme ? `“${view.theme}”` : "Your experience";
  return el("article", { class: "card experience", "data-kind": "experience", "data-experience-id": view.experienceId },
    el("h3", { text: heading + (view.mood ? ` · ${view.mood}` : "") }),
    el("p", { class: "match", text: view.match.reason }),
    el("div", { class: "experience-parts" }, pictureCardNode, el("div", {}, musicCardNode, lyrics)),
    starRating("Rate the experience as a whole", view.rating ?? undefined,
      stars => callJson("PUT", `/v1/users/${userId}/experiences/${view.experienceId}/rating`, { json: { stars } })));
}
