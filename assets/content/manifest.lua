-- The kiosk's content: what it is called, which languages it speaks, and
-- where it starts. See README.md in this folder for how to edit it.
manifest {
  title = {
    en = "Mesotherapy: your guide",
    ar = "الميزوثيرابي: دليلك",
    fr = "La mésothérapie : votre guide",
  },
  version = "2026-12-06",
  languages = { "en", "ar", "fr" },
  language_names = { en = "English", ar = "العربية", fr = "Français" },
  start = "home",
  theme = "default",
  help_page = "call-clinic",
  -- The picture on the "Touch the screen to start" screen.
  attract_image = "images/welcome.svg",
  -- The clinical review of the medical content: who, when, and when it is
  -- due again. Shown on the "About this information" page. When
  -- next_review has passed, mesokiosk --check and staff mode say so.
  -- A clinic replaces these once one of its doctors or nurses has read
  -- every page and the questionnaire: reviewed_by = "Dr A. Name" (a name,
  -- the same in every language) or a text by language, as shipped.
  reviewed_by = {
    en = "not yet reviewed by a clinician",
    ar = "لم يراجعه طبيب بعد",
    fr = "pas encore relu par un médecin",
  },
  reviewed_on = "2026-12-06",
  next_review = "2027-06-06",
}
