// Lyrics with their timings: LRC lines "[mm:ss.xx] words" (several time tags may share a line), highlighted as the audio plays.

const TAG = /\[(\d{1,3}):(\d{1,2}(?:\.\d{1,3})?)\]/g;

// Timed lines sorted by time; lines without a time tag (titles, credits like [ar:...]) are left out.
export function parseLrc(text) {
  const lines = [];
  for (const raw of (text || "").split(/\r?\n/)) {
    const times = [...raw.matchAll(TAG)].map(m => Number(m[1]) * 60 + Number(m[2]));
    if (!times.length) continue;
    // Enhanced LRC times each word as <mm:ss.xx>; the page highlights whole lines, so those marks are dropped.
    const words = raw.replace(TAG, "").replace(/<\d+:\d+(?:\.\d+)?>/g, "").replace(/\s+/g, " ").trim();
    for (const time of times) lines.push({ time, words });
  }
  return lines.sort((a, b) => a.time - b.time);
}

// The index of the line sounding at `seconds` (the last one started), or -1 before the first.
export function lineAt(lines, seconds) {
  let current = -1;
  for (let i = 0; i < lines.length && lines[i].time <= seconds; i++) current = i;
  return current;
}

// Renders the lines into `list` (an <ol>) and keeps the current one highlighted while `audio` plays.
export function showLyrics(list, lines, audio) {
  list.replaceChildren(...lines.map(line => {
    const item = document.createElement("li");
    item.textContent = line.words || "…";
    item.dataset.time = line.time.toFixed(2);
    return item;
  }));
  let shown = -2;
  const update = () => {
    const current = lineAt(lines, audio.currentTime);
    if (current === shown) return;
    shown = current;
    [...list.children].forEach((item, i) => {
      item.classList.toggle("current", i === current);
      if (i === current) item.setAttribute("aria-current", "true");
      else item.removeAttribute("aria-current");
    });
    const item = list.children[current];
    if (item) list.scrollTop = item.offsetTop - list.clientHeight / 2 + item.clientHeight / 2;
  };
  const frame = () => {
    update();
    if (!audio.paused) requestAnimationFrame(frame);
  };
  audio.addEventListener("timeupdate", update);
  audio.addEventListener("seeked", update);
  audio.addEventListener("play", () => requestAnimationFrame(frame));
  update();
}
