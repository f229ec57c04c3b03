// Checks the apply form as it is filled in, by the server's own rules: when a field is left changed, the answers
// (never the files) go to the page's check (POST /services/<id>/apply/check, with the page's anti-forgery token), which
// runs the validation a submission runs and says which materials the answers call for. Each message is shown next to
// its field and in the summary at the top, as the server renders them after a refused submission, and goes when the
// field is fixed; a material that the answers do not call for is hidden. Without script, the server judges the form
// when it is submitted and every material stays listed with its condition in words.
(function () {
  'use strict';
  var form = document.querySelector('form[data-check-url]');
  if (!form || !window.fetch || !window.URLSearchParams || !window.FormData) {
    return;
  }
  var url = form.getAttribute('data-check-url');
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

  function describedElement(field) {
    return field.querySelector('fieldset.choices') || document.getElementById(field.getAttribute('data-id'));
  }

  function setDescribedBy(element, errorId, on) {
    var ids = (element.getAttribute('aria-describedby') || '').split(/\s+/).filter(function (id) {
      return id && id !== errorId;
    });
    if (on) {
      ids.push(errorId);
    }
    if (ids.length) {
      element.setAttribute('aria-describedby', ids.join(' '));
    } else {
      element.removeAttribute('aria-describedby');
    }
  }

  // The same markup as the server's: <p class="field-error" id="<id>-error"> before the control, the control
  // aria-invalid and described by it, the field marked field-invalid.
  function showFieldError(field, messages) {
    var id = field.getAttribute('data-id');
    var errorId = id + '-error';
    var existing = document.getElementById(errorId);
    var control = document.getElementById(id);
    var described = describedElement(field);
    if (messages && messages.length) {
      if (!existing) {
        existing = document.createElement('p');
        existing.className = 'field-error';
        existing.id = errorId;
        var before = field.querySelector('.check, input, select, textarea');
        before.parentNode.insertBefore(existing, before);
      }
      existing.textContent = messages.join(' ');
      field.classList.add('field-invalid');
      if (described) {
        setDescribedBy(described, errorId, true);
      }
      if (control && !field.querySelector('fieldset.choices')) {
        control.setAttribute('aria-invalid', 'true');
      }
    } else {
      if (existing) {
        existing.parentNode.removeChild(existing);
      }
      field.classList.remove('field-invalid');
      if (described) {
        setDescribedBy(described, errorId, false);
      }
      if (control) {
        control.removeAttribute('aria-invalid');
      }
    }
  }

  // The summary keeps what the server said of the rest (a material's file, the whole form) and lists the fields'
  // messages in the order of the form.
  function showSummary(shown) {
    var summary = document.querySelector('.error-summary');
    var kept = [];
    if (summary) {
      Array.prototype.forEach.call(summary.querySelectorAll('li[data-key]'), function (item) {
        if (!/^form\./.test(item.getAttribute('data-key'))) {
          kept.push(item);
        }
      });
    }
    if (!shown.length && !kept.length) {
      if (summary) {
        summary.parentNode.removeChild(summary);
      }
      return;
    }
    if (!summary) {
      summary = document.createElement('div');
      summary.className = 'error-summary';
      summary.setAttribute('tabindex', '-1');
      summary.setAttribute('aria-labelledby', 'error-summary-title');
      var title = document.createElement('h2');
      title.id = 'error-summary-title';
      title.textContent = form.getAttribute('data-summary-title');
      summary.appendChild(title);
      summary.appendChild(document.createElement('ul'));
      form.parentNode.insertBefore(summary, form);
    }
    var list = summary.querySelector('ul');
    list.textContent = '';
    shown.forEach(function (entry) {
      entry.messages.forEach(function (message) {
        var item = document.createElement('li');
        item.setAttribute('data-key', entry.key);
        var link = document.createElement('a');
        link.href = '#' + entry.id;
        link.textContent = message;
        item.appendChild(link);
        list.appendChild(item);
      });
    });
    kept.forEach(function (item) {
      list.appendChild(item);
    });
  }

  function showMaterials(materials) {
    Array.prototype.forEach.call(form.querySelectorAll('[data-material][data-needed]'), function (field) {
      var needed = materials[field.getAttribute('data-material')] !== false;
      field.setAttribute('data-needed', needed ? 'true' : 'false');
      field.hidden = !needed;
      // A hidden material is not sent: the answers no longer call for it. Shown again, its chosen file is still there.
      var input = document.getElementById(field.getAttribute('data-id'));
      if (input) {
        input.disabled = !needed;
      }
    });
  }

  function show(answer) {
    var errors = answer.errors || {};
    var shown = [];
    Array.prototype.forEach.call(form.querySelectorAll('[data-field^="form."]'), function (field) {
      var key = field.getAttribute('data-field');
      var messages = visited[key] ? errors[key] : null;
      showFieldError(field, messages);
      if (messages && messages.length) {
        shown.push({ key: key, id: field.getAttribute('data-id'), messages: messages });
      }
    });
    showSummary(shown);
    showMaterials(answer.materials || {});
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

  function check() {
    var mine = ++sent;
    fetch(url, { method: 'POST', credentials: 'same-origin', body: answers() })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (answer) {
        // A later check answers for later answers; a refused or failed check leaves the page as it was, and the
        // server still judges the form when it is submitted.
        if (answer && mine === sent) {
          show(answer);
        }
      })
      .catch(function () { /* The submission is judged all the same. */ });
  }

  function soon(event) {
    var field = fieldOf(event.target);
    if (!field || event.target.type === 'file') {
      return;
    }
    visited[field.getAttribute('data-field')] = true;
    window.clearTimeout(timer);
    timer = window.setTimeout(check, 150);
  }

  // A change is reported as a field is left with a new value (at once for boxes and lists): a field only passed
  // through on the way to another is not judged, so nothing is called missing before the applicant got to it.
  form.addEventListener('change', soon);
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
  });
}());
