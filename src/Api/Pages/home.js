// The home page's slug form goes to /l/{slug} rather than /l/?slug=…
const form = document.getElementById("open-lot");
form.addEventListener("submit", (event) => {
  event.preventDefault();
  const slug = form.elements.slug.value.trim();
  if (slug) {
    location.assign(`/l/${encodeURIComponent(slug)}`);
  }
});
