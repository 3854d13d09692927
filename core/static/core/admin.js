// The site's few additions to Wagtail's admin (added by core/wagtail_hooks.py).

// Wagtail's "Set publishing schedule" dialog: its date picker opens below the date field,
// over the dialog's "Save schedule" button. When it would cover the button and there is
// room above the field, open it above the field instead.
(() => {
  const overlaps = (a, b) =>
    a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

  const keepSaveVisible = (picker) => {
    const dialog = picker.closest('#schedule-publishing-dialog');
    const input = picker.ownerDocument.activeElement;
    const save = dialog && dialog.querySelector('.w-dialog__body button[type="submit"]');
    if (!save || !input || !dialog.contains(input)) return;
    const box = picker.getBoundingClientRect();
    const field = input.getBoundingClientRect();
    if (!overlaps(box, save.getBoundingClientRect()) || box.height > field.top) return;
    const shift = box.top - (field.top - box.height);
    picker.style.bottom = '';
    picker.style.top = `${parseFloat(getComputedStyle(picker).top) - shift}px`;
  };

  if (window.jQuery) {
    // Wagtail's date picker (jQuery xdsoft) announces each opening with this event; it
    // has placed the picker by then.
    window.jQuery(document).on('open.xdsoft', '.xdsoft_datetimepicker', (event) =>
      keepSaveVisible(event.currentTarget),
    );
  }
})();
