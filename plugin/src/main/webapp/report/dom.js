/*
 * Shared by the plugin's page scripts (loaded before each): elements with constant classes, built with the DOM, and
 * every value from a report written as text, never as HTML.
 */
(function () {
  'use strict';
  /* Why a cacheable task ran (the report's missReason, issue #22), in words. */
  var REASONS = Object.freeze({
    NO_TARGET: 'no target', CACHING_DISABLED: 'caching disabled', PARAMETERS_CHANGED: 'parameters changed',
    IMPLEMENTATION_CHANGED: 'implementation changed', TARGET_INVALID: 'target invalid', PURGED: 'purged',
    FORCED: 'forced'
  });
  var own = Object.prototype.hasOwnProperty;
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
    },
    /* A miss reason in words; a name the page does not know is shown as the text it is. */
    reason: function (code) {
      return typeof code === 'string' && own.call(REASONS, code) ? REASONS[code] : window.scpuppetDom.text(code);
    }
  });
})();
