// Small DOM builders shared by the result cards and the history.

export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === "text") node.textContent = value;
    else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? "" : value);
  }
  node.append(...children.filter(c => c !== null && c !== undefined));
  return node;
}

let ratingGroups = 0;

// Five radio buttons in a fieldset: native keyboard use (arrows move and choose), drawn as stars.
// onRate(stars) returns a promise; the status line says when the rating is saved, or the error.
export function starRating(label, current, onRate) {
  const name = `rating-${++ratingGroups}`;
  const status = el("span", { class: "status", role: "status" });
  // Ratings are sent one at a time in the order chosen, so a quick 3-then-4 is stored as 4 (two requests in flight
  // could arrive in either order), and only the latest choice writes the status line.
  let queue = Promise.resolve();
  let latest = 0;
  const stars = [1, 2, 3, 4, 5].map(n => {
    const input = el("input", { type: "radio", name, value: n, id: `${name}-${n}`, checked: current === n });
    input.addEventListener("change", () => {
      light(n);
      status.textContent = "Saving…";
      const choice = ++latest;
      queue = queue.catch(() => {}).then(() => onRate(n));
      queue.then(
        () => { if (choice === latest) status.textContent = `Rated ${n} of 5.`; },
        error => { if (choice === latest) status.textContent = `Not saved: ${error.message}`; });
    });
    return [input, el("label", { for: input.id, title: `${n} star${n > 1 ? "s" : ""}` },
      el("span", { class: "visually-hidden", text: `${n} star${n > 1 ? "s" : ""}` }), el("span", { "aria-hidden": "true", text: "★" }))];
  }).flat();
  const row = el("div", { class: "star-row" }, ...stars);
  // The chosen star and those below it light up.
  const light = n => row.querySelectorAll("label").forEach((star, i) => star.classList.toggle("lit", i < n));
  light(current ?? 0);
  return el("fieldset", { class: "stars", "data-rating": name }, el("legend", { text: label }), row, status);
}

// A description list of a recipe's parameters.
export function recipeFacts(recipe) {
  const facts = [["Recipe", recipe.id], ["Model", `${recipe.modelName} ${recipe.modelVersion}`], ["Seed", String(recipe.seed)]];
  if (recipe.music) {
    const m = recipe.music;
    facts.push(["Style", m.composer || "model default"], ["Tempo", m.tempoBpm ? `${m.tempoBpm} BPM` : "free"],
      ["Length", `${m.lengthSeconds} s`], ["Temperature", String(m.temperature)]);
  }
  if (recipe.landscape) facts.push(["Category", recipe.landscape.category], ["Truncation", String(recipe.landscape.truncation)]);
  return el("dl", { class: "facts" }, ...facts.flatMap(([term, value]) => [el("dt", { text: term }), el("dd", { text: value })]));
}

export function describe(recipe) {
  if (recipe.music) return `Music · ${recipe.music.composer || "model style"} · ${recipe.music.tempoBpm ?? "free"} BPM · ${recipe.music.lengthSeconds} s`;
  return `Landscape · ${recipe.landscape.category} · truncation ${recipe.landscape.truncation}`;
}

// Saves bytes from a URL the key must open, under a file name.
export async function download(fetcher, fileName) {
  const content = await fetcher();
  const link = el("a", { href: content.url, download: fileName });
  document.body.append(link);
  link.click();
  link.remove();
}
