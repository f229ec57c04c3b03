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

  // The files chosen for a material: its file input's and, for a material that takes photos of its pages, those of its
  // camera input (data-photos-of names the file input), in the order the server assembles them.
  function chosenFiles(control) {
    var files = Array.prototype.slice.call(control.files || []);
    if (control.id) {
      Array.prototype.forEach.call(document.querySelectorAll('input[data-photos-of="' + control.id + '"]'), function (camera) {
        if (!camera.disabled) {
          files = files.concat(Array.prototype.slice.call(camera.files || []));
        }
      });
    }
    return files;
  }

  function isPhoto(file) {
    return ['jpg', 'jpeg', 'png'].indexOf(extensionOf(file.name)) >= 0;
  }

  // What the browser can tell of one control by the server's rules: empty while required; for a file, a format the
  // material does not take (its accept list), an empty file, or one over the store's limit (data-max-bytes). Several
  // files are photos of a material's pages (data-max-photos says it takes them): all photos, not too many, and all
  // together within the limit, as the PDF made of them must be.
  function problemsOf(control) {
    if (!control || control.disabled) {
      return [];
    }
    var files = control.type === 'file' ? chosenFiles(control) : [];
    if (control.type === 'file' ? !files.length : !control.value.trim()) {
      return control.required && control.getAttribute('data-missing') ? [control.getAttribute('data-missing')] : [];
    }
    if (!files.length) {
      return [];
    }
    var accept = (control.getAttribute('accept') || '').split(',').map(function (format) {
      return format.trim().toLowerCase();
    }).filter(function (format) {
      return format.charAt(0) === '.';
    });
    var max = Number(control.getAttribute('data-max-bytes'));
    var total = 0;
    for (var i = 0; i < files.length; i++) {
      var extension = extensionOf(files[i].name);
      if (accept.length && accept.indexOf('.' + extension) < 0) {
        return [control.getAttribute('data-wrong-type').replace('{ext}', extension)];
      }
      if (files[i].size === 0) {
        return [control.getAttribute('data-empty')];
      }
      if (max && files[i].size > max) {
        return [control.getAttribute('data-too-large')];
      }
      total += files[i].size;
    }
    if (files.length > 1 && control.hasAttribute('data-max-photos')) {
      if (!files.every(isPhoto)) {
        return [control.getAttribute('data-mixed')];
      }
      if (files.length > Number(control.getAttribute('data-max-photos'))) {
        return [control.getAttribute('data-too-many')];
      }
      if (max && total > max) {
        return [control.getAttribute('data-too-large-total')];
      }
    }
    return [];
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

  // Photos of a material's pages (a camera input, data-photos-of naming the material's file input). A phone's camera
  // gives one photo a shot, so each shot is added to the ones taken before. The files chosen for the material, in both
  // inputs, are listed in the order the server makes them pages (the file input's, then the camera's), each with a
  // thumbnail and buttons to move it up or down or take it out, and their count is said beside them. Where the browser
  // lets a script set a file input's files (DataTransfer), such a change puts them all, in the order shown, in the
  // camera input and empties the file input, so that what is sent is what is shown; elsewhere the list only shows them.
  // Without script both inputs are plain file inputs, sent in the order chosen.
  Array.prototype.forEach.call(document.querySelectorAll('input[data-photos-of]'), function (camera) {
    var main = document.getElementById(camera.getAttribute('data-photos-of'));
    var taken = [];
    var thumbnails = [];
    var count = document.getElementById(camera.id + '-count');
    var list = document.createElement('ol');
    list.className = 'photo-list';
    list.id = camera.id + '-list';
    list.setAttribute('aria-label', camera.getAttribute('data-list'));
    list.hidden = true;
    camera.parentNode.appendChild(list);
    var clear = document.createElement('button');
    clear.type = 'button';
    clear.className = 'photo-clear';
    clear.textContent = camera.getAttribute('data-clear');
    clear.hidden = true;
    camera.parentNode.appendChild(clear);

    function canKeep() {
      try {
        return typeof DataTransfer === 'function' && !!new DataTransfer().items;
      } catch (e) {
        return false;
      }
    }

    function said(name, page, file) {
      return camera.getAttribute(name).replace(/\{0\}/g, String(page)).replace(/\{1\}/g, file ? file.name : '');
    }

    function chosen() {
      return Array.prototype.slice.call(main && !main.disabled ? main.files || [] : []).concat(Array.prototype.slice.call(camera.files || []));
    }

    // The files in this order, all in the camera input; the change it reports lists them again and has them judged.
    function keep(files) {
      var all = new DataTransfer();
      files.forEach(function (file) {
        all.items.add(file);
      });
      taken = [];
      if (main) {
        main.value = '';
      }
      camera.files = all.files;
      camera.dispatchEvent(new Event('change', { bubbles: true }));
    }

    function button(action, text, label, disabled, act) {
      var control = document.createElement('button');
      control.type = 'button';
      control.className = 'photo-action';
      control.setAttribute('data-action', action);
      control.textContent = text;
      control.setAttribute('aria-label', label);
      control.disabled = disabled;
      control.addEventListener('click', act);
      return control;
    }

    // After a move the same button of the photo moved keeps the focus (the other one at an end of the list); after a
    // removal, the photo now in its place, or the camera input once none is left.
    function focusAt(index, action) {
      var item = list.children[Math.min(index, list.children.length - 1)];
      var target = item && (item.querySelector('[data-action="' + action + '"]:not([disabled])') || item.querySelector('.photo-action:not([disabled])'));
      (target || camera).focus();
    }

    function move(from, to) {
      var files = chosen();
      files.splice(to, 0, files.splice(from, 1)[0]);
      keep(files);
      focusAt(to, to < from ? 'up' : 'down');
    }

    function remove(index) {
      var files = chosen();
      files.splice(index, 1);
      keep(files);
      focusAt(index, 'remove');
    }

    function show() {
      var files = chosen();
      var photos = files.some(isPhoto);
      var movable = canKeep();
      thumbnails.forEach(function (url) {
        URL.revokeObjectURL(url);
      });
      thumbnails = [];
      list.textContent = '';
      list.hidden = !photos;
      clear.hidden = !photos;
      count.textContent = photos ? said('data-count', files.length) : '';
      if (!photos) {
        return;
      }
      files.forEach(function (file, i) {
        var item = document.createElement('li');
        if (isPhoto(file) && window.URL && URL.createObjectURL) {
          var thumbnail = document.createElement('img');
          thumbnail.alt = '';
          thumbnail.className = 'photo-thumbnail';
          thumbnail.src = URL.createObjectURL(file);
          thumbnails.push(thumbnail.src);
          item.appendChild(thumbnail);
        }
        var name = document.createElement('span');
        name.className = 'photo-name';
        name.textContent = said('data-page', i + 1) + ' · ' + file.name;
        item.appendChild(name);
        if (movable) {
          var actions = document.createElement('span');
          actions.className = 'photo-actions';
          actions.appendChild(button('up', camera.getAttribute('data-up'), said('data-up-label', i + 1, file), i === 0, function () {
            move(i, i - 1);
          }));
          actions.appendChild(button('down', camera.getAttribute('data-down'), said('data-down-label', i + 1, file), i === files.length - 1, function () {
            move(i, i + 1);
          }));
          actions.appendChild(button('remove', camera.getAttribute('data-remove'), said('data-remove-label', i + 1, file), false, function () {
            remove(i);
          }));
          item.appendChild(actions);
        }
        list.appendChild(item);
      });
    }

    camera.addEventListener('change', function () {
      if (canKeep() && taken.length) {
        var all = new DataTransfer();
        taken.concat(Array.prototype.slice.call(camera.files || [])).forEach(function (file) {
          all.items.add(file);
        });
        camera.files = all.files;
      }
      taken = Array.prototype.slice.call(camera.files || []);
      show();
    });
    if (main) {
      main.addEventListener('change', show);
    }
    clear.addEventListener('click', function () {
      taken = [];
      camera.value = '';
      if (main) {
        main.value = '';
      }
      camera.dispatchEvent(new Event('change', { bubbles: true }));
      camera.focus();
    });
    // Files a browser kept across a reload or the way back are listed too.
    show();
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
