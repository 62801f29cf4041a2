// The offline page in the language and size the resident chose in the portal (both kept on this device).
(function () {
  var locale = 'zh-CN';
  var elder = false;
  try {
    locale = localStorage.getItem('lc.locale') === 'en' ? 'en' : 'zh-CN';
    elder = localStorage.getItem('lc.elder') === '1';
  } catch (_blocked) {
    /* storage blocked: Chinese, normal size */
  }
  document.documentElement.lang = locale;
  document.documentElement.classList.toggle('elder', elder);
  if (locale === 'en') {
    document.title = 'No connection · Learning City';
    document.querySelectorAll('[data-en]').forEach(function (el) {
      el.textContent = el.getAttribute('data-en');
    });
  }
})();
