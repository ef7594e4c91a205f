-- The kiosk's content: what it is called, which languages it speaks, and
-- where it starts. See README.md in this folder for how to edit it.
manifest {
  title = {
    en = "Mesotherapy: your guide",
    ar = "الميزوثيرابي: دليلك",
    fr = "La mésothérapie : votre guide",
  },
  version = "2026-11-22",
  languages = { "en", "ar", "fr" },
  language_names = { en = "English", ar = "العربية", fr = "Français" },
  start = "home",
  theme = "default",
  help_page = "call-clinic",
  -- The picture on the "Touch the screen to start" screen.
  attract_image = "images/welcome.svg",
}
