// Judges an applicant's form in the browser when it is submitted, by the rules the server applies to it, and shows
// what is wrong the way the server does after a refused post: each message next to its field (<p class="field-error"
// id="<id>-error"> before the control, the control aria-invalid and described by it, the field marked field-invalid)
// and, linked, in the summary at the top, which takes the focus. The forms say novalidate, so the browser's own
// one-at-a-time bubbles (in the browser's language, not the page's) never stand in for this; without script the
// server judges the post as before.
//
// A field is an element with data-field (the name the server's messages use) and data-id (its control's id). A
// control says what is wrong with it in the page's language: data-missing when it is required and empty; a file input
// also data-wrong-type, data-empty and data-too-large (over data-max-bytes), judged as soon as a file is chosen, so a
// wrong file is refused before the whole form is uploaded; data-one-file on a form of files asks for one at least.
// A form that opts in with data-check-on-submit is judged here; the apply form's own script (apply-form.js) uses the
// same pieces. A form that says data-send-once is sent once only, however often its button is clicked.
(function () {
  'use strict';

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
        var before = field.querySelector('.check, input:not([type=hidden]), select, textarea');
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

  function fieldsOf(form) {
    return Array.prototype.filter.call(form.querySelectorAll('[data-field]'), function (field) {
      return !field.hidden;
    });
  }

  // The summary lists what stands next to the form's fields now, in the order of the form, and keeps what the server
  // said of the rest (the whole form, a number of files).
  function refreshSummary(form) {
    var summary = document.querySelector('.error-summary');
    var keys = {};
    Array.prototype.forEach.call(form.querySelectorAll('[data-field]'), function (field) {
      keys[field.getAttribute('data-field')] = true;
    });
    var kept = [];
    if (summary) {
      Array.prototype.forEach.call(summary.querySelectorAll('li'), function (item) {
        var key = item.getAttribute('data-key');
        if (key === null || !keys[key]) {
          kept.push(item);
        }
      });
    }
    var shown = fieldsOf(form).filter(function (field) {
      return field.classList.contains('field-invalid') && document.getElementById(field.getAttribute('data-id') + '-error');
    });
    if (!shown.length && !kept.length) {
      if (summary) {
        summary.parentNode.removeChild(summary);
      }
      return null;
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
    shown.forEach(function (field) {
      var item = document.createElement('li');
      item.setAttribute('data-key', field.getAttribute('data-field'));
      var link = document.createElement('a');
      link.href = '#' + field.getAttribute('data-id');
      link.textContent = document.getElementById(field.getAttribute('data-id') + '-error').textContent;
      item.appendChild(link);
      list.appendChild(item);
    });
    kept.forEach(function (item) {
      list.appendChild(item);
    });
    return summary;
  }

  // Whether anything shown next to a field still stands: such a form is not sent.
  function hasErrors(form) {
    return fieldsOf(form).some(function (field) {
      return field.classList.contains('field-invalid');
    });
  }

  function focusSummary(form) {
    var summary = refreshSummary(form);
    if (summary) {
      summary.focus();
    }
  }

  function extensionOf(name) {
    var match = /\.([^.\\/]+)$/.exec(name);
    return match ? match[1].toLowerCase() : '';
  }

  // What the browser can tell of one control by the server's rules: empty while required; for a file, a format the
  // material does not take (its accept list), an empty file, or one over the store's limit (data-max-bytes).
  function problemsOf(control) {
    if (!control || control.disabled) {
      return [];
    }
    var file = control.type === 'file' && control.files && control.files.length ? control.files[0] : null;
    if (control.type === 'file' ? !file : !control.value.trim()) {
      return control.required && control.getAttribute('data-missing') ? [control.getAttribute('data-missing')] : [];
    }
    if (!file) {
      return [];
    }
    var accept = (control.getAttribute('accept') || '').split(',').map(function (format) {
      return format.trim().toLowerCase();
    }).filter(function (format) {
      return format;
    });
    var extension = extensionOf(file.name);
    if (accept.length && accept.indexOf('.' + extension) < 0) {
      return [control.getAttribute('data-wrong-type').replace('{ext}', extension)];
    }
    if (file.size === 0) {
      return [control.getAttribute('data-empty')];
    }
    var max = Number(control.getAttribute('data-max-bytes'));
    return max && file.size > max ? [control.getAttribute('data-too-large')] : [];
  }

  function judge(field) {
    var messages = problemsOf(document.getElementById(field.getAttribute('data-id')));
    showFieldError(field, messages);
    return messages;
  }

  window.wfeFormCheck = {
    showFieldError: showFieldError,
    refreshSummary: refreshSummary,
    hasErrors: hasErrors,
    focusSummary: focusSummary,
    judge: judge,
  };

  function files(form) {
    return Array.prototype.filter.call(form.querySelectorAll('input[type=file]'), function (input) {
      return !input.disabled;
    });
  }

  // A form that takes any of its files (data-one-file says so, in the page's words) needs one at least: said by the
  // first file input when none is chosen.
  function judgeOneFile(form) {
    var message = form.getAttribute('data-one-file');
    var inputs = files(form);
    if (message && inputs.length && !inputs.some(function (input) { return input.files && input.files.length; })) {
      showFieldError(inputs[0].closest('[data-field]'), [message]);
    }
  }

  Array.prototype.forEach.call(document.querySelectorAll('form[data-check-on-submit]'), function (form) {
    form.addEventListener('submit', function (event) {
      fieldsOf(form).forEach(judge);
      judgeOneFile(form);
      if (hasErrors(form)) {
        event.preventDefault();
        focusSummary(form);
      }
    });
    // A field marked wrong is judged again as it is corrected, so its message goes as soon as it is fixed.
    form.addEventListener('input', function (event) {
      var field = event.target.closest('[data-field]');
      if (field && field.classList.contains('field-invalid')) {
        judge(field);
        refreshSummary(form);
      }
    });
    form.addEventListener('change', function (event) {
      var field = event.target.closest('[data-field]');
      if (field && event.target.type === 'file' && form.hasAttribute('data-one-file')) {
        // A file chosen anywhere answers "at least one", wherever that was said.
        fieldsOf(form).forEach(function (other) {
          if (other === field || other.classList.contains('field-invalid')) {
            judge(other);
          }
        });
        refreshSummary(form);
      } else if (field && (event.target.type === 'file' || field.classList.contains('field-invalid'))) {
        judge(field);
        refreshSummary(form);
      }
    });
  });

  // A form marked data-send-once is sent once: a second click while its answer is on the way sends nothing more (the
  // browser would post it again itself, and the repeat's answer would replace the first's). Listened to after the
  // checks above, so a form they keep from being sent may still be sent once corrected; a page shown again from the
  // browser's history may be sent again.
  Array.prototype.forEach.call(document.querySelectorAll('form[data-send-once]'), function (form) {
    var sent = false;
    form.addEventListener('submit', function (event) {
      if (sent) {
        event.preventDefault();
      } else if (!event.defaultPrevented) {
        sent = true;
      }
    });
    window.addEventListener('pageshow', function (event) {
      if (event.persisted) {
        sent = false;
      }
    });
  });
}());
