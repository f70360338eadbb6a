/* "Read aloud" for guide pages: the browser's own speech synthesis (window.speechSynthesis), no server,
   no cloud, no external request. The controls stay hidden where the browser cannot speak.

   Markup: <div data-read-aloud data-target="#content" data-lang="ar" hidden>
             <button data-action="play" data-label-play="…" data-label-resume="…">…</button>
             <button data-action="pause">…</button> <button data-action="stop">…</button></div> */
(function () {
  "use strict";

  function pickVoice(synth, lang) {
    var voices = synth.getVoices ? synth.getVoices() : [];
    var wanted = (lang || "").toLowerCase();
    var base = wanted.split("-")[0];
    var exact = null;
    var partial = null;
    for (var i = 0; i < voices.length; i++) {
      var voiceLang = (voices[i].lang || "").toLowerCase().replace("_", "-");
      if (voiceLang === wanted && !exact) exact = voices[i];
      if (voiceLang.split("-")[0] === base && !partial) partial = voices[i];
    }
    return exact || partial;
  }

  function setup(box) {
    var synth = window.speechSynthesis;
    var target = document.querySelector(box.getAttribute("data-target"));
    if (!target) return;
    var play = box.querySelector('[data-action="play"]');
    var pause = box.querySelector('[data-action="pause"]');
    var stop = box.querySelector('[data-action="stop"]');
    var state = "idle"; // idle | speaking | paused

    function render() {
      play.disabled = state === "speaking";
      pause.disabled = state !== "speaking";
      stop.disabled = state === "idle";
      play.textContent = state === "paused" ? play.getAttribute("data-label-resume") : play.getAttribute("data-label-play");
      box.setAttribute("data-state", state);
    }

    play.addEventListener("click", function () {
      if (state === "paused") {
        synth.resume();
        state = "speaking";
        render();
        return;
      }
      synth.cancel();
      var utterance = new window.SpeechSynthesisUtterance(target.innerText || target.textContent || "");
      utterance.lang = box.getAttribute("data-lang") || document.documentElement.lang;
      var voice = pickVoice(synth, utterance.lang);
      if (voice) utterance.voice = voice;
      utterance.onend = utterance.onerror = function () {
        state = "idle";
        render();
      };
      synth.speak(utterance);
      state = "speaking";
      render();
    });
    pause.addEventListener("click", function () {
      synth.pause();
      state = "paused";
      render();
    });
    stop.addEventListener("click", function () {
      synth.cancel();
      state = "idle";
      render();
    });
    // Leaving the page stops the voice (some browsers keep speaking otherwise).
    window.addEventListener("pagehide", function () {
      synth.cancel();
    });
    box.hidden = false;
    render();
  }

  function init() {
    if (!window.speechSynthesis || typeof window.SpeechSynthesisUtterance !== "function") return;
    var boxes = document.querySelectorAll("[data-read-aloud]");
    for (var i = 0; i < boxes.length; i++) setup(boxes[i]);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
