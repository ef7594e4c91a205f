-- The kiosk's content: what it is called, which languages it speaks, and
-- where it starts. See README.md in this folder for how to edit it.
manifest {
  title = { en = "Mesotherapy: your guide", ar = "الميزوثيرابي: دليلك" },
  version = "2026-11-22",
  languages = { "en", "ar" },
  language_names = { en = "English", ar = "العربية" },
  start = "home",
  theme = "default",
  help_page = "call-clinic",
}
