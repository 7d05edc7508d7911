// On a screen narrower than 1440 px (a laptop, a tablet, a half-width window) the admin's side menu
// starts closed, so the list or form has the width; the « button still opens it, and a choice
// the editor made (Django keeps it in localStorage) is respected.
(function () {
  var key = 'django.admin.navSidebarIsOpen';
  try {
    if (window.innerWidth < 1440 && localStorage.getItem(key) === null) {
      localStorage.setItem(key, 'false');
    }
  } catch (e) { /* storage refused: Django's default (open) applies */ }
})();
