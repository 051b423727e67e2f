// PimpMyCase operator console: conveniences only, every page works without this script.
// Copy buttons: <button class="copy" data-copy="<id of an input>" hidden>.
'use strict';
document.addEventListener('DOMContentLoaded', function () {
  document.querySelectorAll('button.copy[data-copy]').forEach(function (button) {
    var field = document.getElementById(button.getAttribute('data-copy'));
    if (!field) {
      return;
    }
    button.hidden = false;
    button.addEventListener('click', function () {
      var done = function () {
        button.textContent = 'Copied';
        button.setAttribute('data-copied', 'true');
      };
      var fallback = function () {
        field.select();
        try {
          if (document.execCommand('copy')) {
            done();
            return;
          }
        } catch (e) {
          // fall through: the text stays selected for Ctrl+C
        }
        button.textContent = 'Press Ctrl+C';
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(field.value).then(done, fallback);
      } else {
        fallback();
      }
    });
  });
});
