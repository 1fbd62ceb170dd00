// Stand-in for the essential session cookie a site's server sets (sign-in, security, load
// balancing), for the demo sites only. A real server sends it with Set-Cookie, usually
// HttpOnly; here the page sets it so the tests can see that Candor leaves essential cookies
// alone on Reject all and on withdrawal. A session cookie (no Max-Age): gone when the browser
// closes. The name comes from the tag: data-cookie="<name>".
(function () {
  var tag = document.currentScript;
  var name = tag && tag.getAttribute('data-cookie');
  if (name && document.cookie.split('; ').every(function (c) { return c.indexOf(name + '=') !== 0; })) {
    document.cookie = name + '=' + Math.floor(Math.random() * 1e9).toString(36) + '; path=/; samesite=lax';
  }
})();
