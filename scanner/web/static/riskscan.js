// riskscan's only script: drag-and-drop uploads with progress, and live scan progress through
// Server-Sent Events. Every page works without it: the forms post as usual and the scan page
// refreshes itself.
"use strict";

function uploadWithProgress(form, files) {
  const box = form.querySelector("[data-progress]");
  const bar = box.querySelector("progress");
  const text = box.querySelector("[data-progress-text]");
  const data = new FormData();
  for (const item of files) {
    data.append("files", item.file, item.path || item.file.name);
  }
  const request = new XMLHttpRequest();
  request.open("POST", form.action);
  request.setRequestHeader("Accept", "application/json");
  box.hidden = false;
  request.upload.addEventListener("progress", (event) => {
    if (event.lengthComputable) {
      const percent = Math.round((100 * event.loaded) / event.total);
      bar.value = percent;
      text.textContent = percent + "% of " + (event.total / 1048576).toFixed(1) + " MB";
    }
  });
  request.addEventListener("load", () => {
    let answer = {};
    try { answer = JSON.parse(request.responseText); } catch (error) { answer = {}; }
    if (answer.ok) {
      window.location.assign("/#add");
      window.location.reload();
    } else {
      text.textContent = answer.message || "The upload was refused. Reload the page and try again.";
      text.setAttribute("role", "alert");
    }
  });
  request.addEventListener("error", () => {
    text.textContent = "The upload stopped before it finished. Nothing from it was kept: add the files again.";
    text.setAttribute("role", "alert");
  });
  request.send(data);
}

function readEntry(entry, prefix, out) {
  return new Promise((resolve) => {
    if (entry.isFile) {
      entry.file((file) => { out.push({ file: file, path: prefix + file.name }); resolve(); }, () => resolve());
    } else if (entry.isDirectory) {
      const reader = entry.createReader();
      const all = [];
      const next = () => reader.readEntries((batch) => {
        if (!batch.length) {
          Promise.all(all.map((child) => readEntry(child, prefix + entry.name + "/", out))).then(resolve);
        } else { all.push(...batch); next(); }
      }, () => resolve());
      next();
    } else { resolve(); }
  });
}

function setUpUploads() {
  const form = document.querySelector("form[data-upload]");
  if (!form) return;
  const drop = form.querySelector("[data-drop]");
  // Choosing files adds them at once: no second step to forget before starting the scan.
  for (const input of form.querySelectorAll("input[type=file]")) {
    input.addEventListener("change", () => {
      if (input.files.length) form.requestSubmit();
    });
  }
  form.addEventListener("submit", (event) => {
    const chosen = [];
    for (const input of form.querySelectorAll("input[type=file]")) {
      for (const file of input.files) chosen.push({ file: file, path: file.webkitRelativePath || file.name });
    }
    if (!chosen.length) return; // let the server say that nothing was chosen
    event.preventDefault();
    uploadWithProgress(form, chosen);
  });
  ["dragenter", "dragover"].forEach((name) => drop.addEventListener(name, (event) => {
    event.preventDefault();
    drop.classList.add("over");
  }));
  ["dragleave", "drop"].forEach((name) => drop.addEventListener(name, () => drop.classList.remove("over")));
  drop.addEventListener("drop", async (event) => {
    event.preventDefault();
    const found = [];
    const entries = [...event.dataTransfer.items].map((item) => item.webkitGetAsEntry && item.webkitGetAsEntry()).filter(Boolean);
    if (entries.length) {
      await Promise.all(entries.map((entry) => readEntry(entry, "", found)));
    } else {
      for (const file of event.dataTransfer.files) found.push({ file: file, path: file.name });
    }
    if (found.length) uploadWithProgress(form, found);
  });
}

function setUpJob() {
  const box = document.querySelector("[data-job][data-state=running]");
  if (!box || !window.EventSource) return;
  const text = box.querySelector("[data-job-text]");
  const events = new EventSource("/scan/events");
  events.addEventListener("message", (event) => {
    const job = JSON.parse(event.data);
    if (job.state === "running") {
      text.textContent = job.step + ": " + job.records.toLocaleString("en-GB") + " records read so far (" + job.seconds + " s).";
    } else {
      events.close();
      window.location.assign(job.state === "done" ? box.dataset.next : window.location.pathname);
    }
  });
  events.addEventListener("error", () => { events.close(); window.setTimeout(() => window.location.reload(), 2000); });
}

document.addEventListener("DOMContentLoaded", () => { setUpUploads(); setUpJob(); });
