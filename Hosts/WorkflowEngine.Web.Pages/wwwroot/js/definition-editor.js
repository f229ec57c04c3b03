// Checks a definition as the administrator types: a moment after the last key, the text goes to the same validation
// the API runs (POST /api/definitions/validate, signed in by the page's session, with the page's anti-forgery token
// from the layout's meta tag, which the API requires of every session call that posts) and each error is marked at its line
// in the gutter and listed below with a link that selects the line. Without script, the Validate button posts the form
// and the server renders the same marks.
(function () {
  'use strict';
  var source = document.getElementById('source');
  var gutter = document.getElementById('gutter');
  var list = document.getElementById('editor-errors');
  if (!source || !gutter || !list || !window.fetch) {
    return;
  }
  var tokenMeta = document.querySelector('meta[name="request-verification-token"]');
  var token = tokenMeta ? tokenMeta.getAttribute('content') : '';
  var timer = null;
  var sent = 0;
  // The page in English shows each error's English text where the check words one (messageEn), else its Chinese.
  var english = (document.documentElement.lang || '').toLowerCase().indexOf('en') === 0;

  function messageOf(e) {
    return english && e.messageEn ? e.messageEn : e.message;
  }

  function lineLabel(line) {
    return list.getAttribute('data-line-label').replace('{0}', line);
  }

  function lineCount() {
    return source.value.split('\n').length;
  }

  function drawGutter(errors) {
    var bad = {};
    errors.forEach(function (e) {
      bad[e.line] = bad[e.line] ? bad[e.line] + '; ' + messageOf(e) : messageOf(e);
    });
    var count = lineCount();
    while (gutter.children.length < count) {
      gutter.appendChild(document.createElement('li'));
    }
    while (gutter.children.length > count) {
      gutter.removeChild(gutter.lastChild);
    }
    for (var i = 0; i < count; i++) {
      var item = gutter.children[i];
      item.className = bad[i + 1] ? 'bad' : '';
      if (bad[i + 1]) {
        item.title = bad[i + 1];
      } else {
        item.removeAttribute('title');
      }
    }
    gutter.scrollTop = source.scrollTop;
  }

  function show(errors, message) {
    // Rebuilding the list would drop a focus inside it to the page's top: it goes back to the same line's new link,
    // or to the list itself.
    var focused = list.contains(document.activeElement) ? document.activeElement : null;
    var focusedLine = focused && focused.getAttribute('data-line');
    list.textContent = '';
    var summary = document.createElement('p');
    summary.className = errors.length ? 'field-error' : (message ? 'field-error' : 'desk-done');
    summary.textContent = message || (errors.length
      ? list.getAttribute('data-count').replace('{0}', errors.length)
      : list.getAttribute('data-valid'));
    list.appendChild(summary);
    if (errors.length) {
      var ul = document.createElement('ul');
      errors.forEach(function (e) {
        var li = document.createElement('li');
        li.setAttribute('data-line', e.line);
        var a = document.createElement('a');
        a.href = '#source';
        a.setAttribute('data-line', e.line);
        a.textContent = lineLabel(e.line);
        var path = document.createElement('code');
        path.textContent = e.path;
        li.appendChild(a);
        li.appendChild(document.createTextNode(' '));
        li.appendChild(path);
        li.appendChild(document.createTextNode((list.getAttribute('data-separator') || '：') + messageOf(e)));
        ul.appendChild(li);
      });
      list.appendChild(ul);
    }
    source.setAttribute('aria-invalid', errors.length ? 'true' : 'false');
    drawGutter(errors);
    if (focused) {
      (focusedLine && list.querySelector('a[data-line="' + focusedLine + '"]') || list).focus();
    }
  }

  function validate() {
    var mine = ++sent;
    fetch('/api/definitions/validate', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/yaml', 'RequestVerificationToken': token },
      body: source.value
    })
      .then(function (response) {
        return response.json().then(function (body) { return { status: response.status, body: body }; });
      })
      .then(function (answer) {
        if (mine !== sent) {
          return;
        }
        if (answer.status === 200) {
          show([]);
        } else if (answer.status === 400 && Array.isArray(answer.body.errors)) {
          show(answer.body.errors);
        } else {
          show([], answer.body && answer.body.errors && answer.body.errors.body ? answer.body.errors.body[0] : list.getAttribute('data-failed'));
        }
      })
      .catch(function () {
        if (mine === sent) {
          show([], list.getAttribute('data-failed'));
        }
      });
  }

  source.addEventListener('input', function () {
    drawGutter([]);
    window.clearTimeout(timer);
    timer = window.setTimeout(validate, 600);
  });
  source.addEventListener('scroll', function () {
    gutter.scrollTop = source.scrollTop;
  });
  if (window.ResizeObserver) {
    new window.ResizeObserver(function () {
      gutter.style.height = source.offsetHeight + 'px';
    }).observe(source);
  }
  // Text typed or pasted before this script ran (a slow connection, a quick hand) raised no input event it could hear:
  // it is checked now, as if just typed, instead of waiting for the next key.
  if (source.value !== source.defaultValue) {
    drawGutter([]);
    validate();
  }
  // A link to an error selects its line in the text, so the administrator lands where to correct it.
  list.addEventListener('click', function (event) {
    var line = event.target && event.target.getAttribute && event.target.getAttribute('data-line');
    if (!line) {
      return;
    }
    event.preventDefault();
    var lines = source.value.split('\n');
    var start = 0;
    for (var i = 0; i < Number(line) - 1 && i < lines.length; i++) {
      start += lines[i].length + 1;
    }
    var end = start + (lines[Number(line) - 1] || '').length;
    source.focus();
    source.setSelectionRange(start, end);
    var height = source.scrollHeight / Math.max(lines.length, 1);
    source.scrollTop = Math.max(0, (Number(line) - 3) * height);
  });
}());
