// Checks the apply form as it is filled in, by the server's own rules: when a field is left changed, the answers
// (never the files) go to the page's check (POST /services/<id>/apply/check, with the page's anti-forgery token), which
// runs the validation a submission runs and says which materials the answers call for. Each message is shown next to
// its field and in the summary at the top, as the server renders them after a refused submission, and goes when the
// field is fixed; a material that the answers do not call for is hidden, and one the flow cannot start without is
// required while they do (a chosen file is judged at once by its format and size). Submitting judges every field at once the same
// way (the pieces are form-check.js's), and the form is sent only when nothing stands. Without script, the server judges
// the form when it is submitted and every material stays listed with its condition in words.
(function () {
  'use strict';
  var form = document.querySelector('form[data-check-url]');
  var checks = window.wfeFormCheck;
  if (!form || !checks || !window.fetch || !window.URLSearchParams || !window.FormData) {
    return;
  }
  var url = form.getAttribute('data-check-url');
  // The fields the check judges: the form's, and on the window's 受理台 the citizen's block.
  var answered = '[data-field^="form."], [data-field^="applicant."]';
  // Only the fields the applicant has answered are judged aloud: the others are not wrong yet, only empty.
  var visited = {};
  var sent = 0;
  var timer = null;

  function fieldOf(element) {
    var field = element.closest('[data-field]');
    return field && form.contains(field) ? field : null;
  }

  Array.prototype.forEach.call(form.querySelectorAll('[data-field].field-invalid'), function (field) {
    visited[field.getAttribute('data-field')] = true;
  });

  function showMaterials(materials) {
    Array.prototype.forEach.call(form.querySelectorAll('[data-material][data-needed]'), function (field) {
      var needed = materials[field.getAttribute('data-material')] !== false;
      field.setAttribute('data-needed', needed ? 'true' : 'false');
      field.hidden = !needed;
      // A hidden material is not sent: the answers no longer call for it. Shown again, its chosen file is still there.
      var input = document.getElementById(field.getAttribute('data-id'));
      if (input) {
        input.disabled = !needed;
        // Required in the browser exactly when the server cannot start the flow without it: mandatory and called for.
        input.required = needed && field.getAttribute('data-mandatory') === 'true';
      }
      // The camera input of a material photographed page by page goes and comes with it.
      Array.prototype.forEach.call(field.querySelectorAll('input[data-photos-of]'), function (camera) {
        camera.disabled = !needed;
      });
    });
  }

  // Every material shown, judged by its rules (required, format, size) as the form is submitted.
  function judgeMaterials() {
    Array.prototype.forEach.call(form.querySelectorAll('[data-material]'), function (field) {
      if (!field.hidden) {
        checks.judge(field);
      }
    });
  }

  function show(answer) {
    var errors = answer.errors || {};
    showMaterials(answer.materials || {});
    Array.prototype.forEach.call(form.querySelectorAll(answered), function (field) {
      var key = field.getAttribute('data-field');
      checks.showFieldError(field, visited[key] ? errors[key] : null);
    });
    checks.refreshSummary(form);
  }

  function answers() {
    var body = new URLSearchParams();
    new FormData(form).forEach(function (value, name) {
      if (typeof value === 'string') {
        body.append(name, value);
      }
    });
    return body;
  }

  // The server's judgement of the answers, or null when it cannot be had (the submission is judged all the same).
  function ask() {
    var mine = ++sent;
    return fetch(url, { method: 'POST', credentials: 'same-origin', body: answers() })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (answer) {
        return { answer: answer, latest: mine === sent };
      }, function () {
        return { answer: null, latest: mine === sent };
      });
  }

  function check() {
    ask().then(function (result) {
      // A later check answers for later answers; a refused or failed check leaves the page as it was.
      if (result.answer && result.latest) {
        show(result.answer);
      }
    });
  }

  function soon(event) {
    var field = fieldOf(event.target);
    if (!field) {
      return;
    }
    if (event.target.type === 'file') {
      // A file is judged here as it is chosen, never sent to the check.
      checks.judge(field);
      checks.refreshSummary(form);
      return;
    }
    visited[field.getAttribute('data-field')] = true;
    window.clearTimeout(timer);
    timer = window.setTimeout(check, 150);
  }

  // A change is reported as a field is left with a new value (at once for boxes and lists): a field only passed
  // through on the way to another is not judged, so nothing is called missing before the applicant got to it.
  form.addEventListener('change', soon);

  // Submitting judges every field at once, as the server would: each message by its field and in the summary, which
  // takes the focus, and the form is not sent while one stands. When the check cannot be had, the server judges it.
  var sending = false;
  var judging = false;
  form.addEventListener('submit', function (event) {
    // Once sent, a second click sends nothing more: the browser would post the form again itself, and at the window
    // the repeat's answer (the first receipt, without the query code) would replace the one that shows the code.
    if (sending) {
      event.preventDefault();
      return;
    }
    event.preventDefault();
    if (judging) {
      return;
    }
    judging = true;
    window.clearTimeout(timer);
    Array.prototype.forEach.call(form.querySelectorAll(answered), function (field) {
      visited[field.getAttribute('data-field')] = true;
    });
    ask().then(function (result) {
      judging = false;
      if (result.answer) {
        show(result.answer);
      }
      judgeMaterials();
      checks.refreshSummary(form);
      if (checks.hasErrors(form)) {
        checks.focusSummary(form);
        return;
      }
      sending = true;
      form.submit();
    });
  });
  // A field already marked wrong is judged again as it is typed in, so the message goes as soon as it is fixed.
  form.addEventListener('input', function (event) {
    var field = fieldOf(event.target);
    if (field && field.classList.contains('field-invalid')) {
      soon(event);
    }
  });
  Array.prototype.forEach.call(form.querySelectorAll('[data-material][data-needed="false"]'), function (field) {
    field.hidden = true;
    var input = document.getElementById(field.getAttribute('data-id'));
    if (input) {
      input.disabled = true;
    }
    Array.prototype.forEach.call(field.querySelectorAll('input[data-photos-of]'), function (camera) {
      camera.disabled = true;
    });
  });
}());
