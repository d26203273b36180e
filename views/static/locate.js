// "Me localiser": progressive enhancement of the search forms. Without JavaScript or without
// the browser's geolocation the button stays hidden. The position, rounded to 4 decimals
// (about 10 m), is only sent to this site's /recherche, never stored nor sent elsewhere.
(function () {
  'use strict';
  if (!('geolocation' in navigator)) return;
  var buttons = document.querySelectorAll('button[data-locate]');
  Array.prototype.forEach.call(buttons, function (button) {
    var status = button.form && button.form.querySelector('[data-locate-status]');
    var say = function (text) {
      if (status) status.textContent = text;
    };
    button.hidden = false;
    button.addEventListener('click', function () {
      say('Localisation en cours…');
      button.disabled = true;
      navigator.geolocation.getCurrentPosition(
        function (position) {
          var lat = position.coords.latitude.toFixed(4);
          var lon = position.coords.longitude.toFixed(4);
          window.location.assign('/recherche?lat=' + lat + '&lon=' + lon);
        },
        function (error) {
          button.disabled = false;
          say(
            error.code === 1
              ? 'Localisation refusée : autorisez-la dans votre navigateur, ou cherchez par code postal ou commune.'
              : 'Position introuvable pour le moment : réessayez, ou cherchez par code postal ou commune.',
          );
        },
        { enableHighAccuracy: false, timeout: 15000, maximumAge: 600000 },
      );
    });
  });
})();
