// The receipt's print button: shown only where script runs (without it, the browser's own print command prints the
// same page, styled by the print stylesheet).
(function () {
  'use strict';
  Array.prototype.forEach.call(document.querySelectorAll('button[data-print]'), function (button) {
    button.hidden = false;
    button.addEventListener('click', function () {
      window.print();
    });
  });
}());
