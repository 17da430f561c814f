/*
 * Shared by the plugin's page scripts (loaded before each): elements with constant classes, built with the DOM, and
 * every value from a report written as text, never as HTML.
 */
(function () {
  'use strict';
  window.scpuppetDom = Object.freeze({
    /* An element with a constant class and, optionally, a text child. */
    h: function (tag, cls, text) {
      var e = document.createElement(tag);
      if (cls) { e.className = cls; }
      if (text !== undefined) { e.textContent = text; }
      return e;
    },
    /* Appends children; strings become text nodes. */
    add: function (parent) {
      for (var i = 1; i < arguments.length; i++) {
        var c = arguments[i];
        parent.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
      }
      return parent;
    },
    /* Any value as the text it is: objects as JSON, nothing as empty. */
    text: function (v) {
      return v === undefined || v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
    }
  });
})();
