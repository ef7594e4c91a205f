-- One of every block, with the clinic's {names} filled in at load.
page "blocks" {
  title = { en = "Every block", ar = "كل الكتل", fr = "Tous les blocs" },
  heading { en = "A heading", ar = "عنوان", fr = "Un titre", level = 2 },
  paragraph { en = "Call {clinic_name} on {clinic_phone}, {clinic_hours}.", ar = "اتصل على {clinic_phone}.", fr = "Appelez le {clinic_phone}\u{202F}!" },
  list {
    { en = "One", ar = "واحد", fr = "Un" },
    { en = "Two: {emergency_number}", ar = "اثنان", fr = "Deux" },
  },
  image { "images/skin-layers.svg", alt = { en = "Skin", ar = "الجلد", fr = "La peau" },
          caption = { en = "Layers", ar = "طبقات", fr = "Couches" }, mirror = true },
  callout { style = "warning", title = { en = "Careful", ar = "انتبه", fr = "Attention" },
            text = { en = "Report it to {regulator}.", ar = "أبلغ {regulator}.", fr = "Signalez-le\u{A0}: {regulator}." } },
  callout { style = "danger", text = { en = "Now", ar = "الآن", fr = "Maintenant" } },
  columns {
    { paragraph { en = "Left", ar = "يسار", fr = "Gauche" } },
    { button { to = "home", image = "images/welcome.svg", label = { en = "Go", ar = "اذهب", fr = "Aller" } } },
  },
  quiz {
    question = { en = "True?", ar = "صحيح؟", fr = "Vrai\u{202F}?" },
    choices = {
      { text = { en = "Yes", ar = "نعم", fr = "Oui" }, correct = true,
        feedback = { en = "Right", ar = "صح", fr = "Exact" } },
      { text = { en = "No", ar = "لا", fr = "Non" },
        feedback = { en = "Wrong", ar = "خطأ", fr = "Faux" } },
    },
  },
  paragraph { en = "Reviewed by {reviewed_by} on {reviewed_on}; next {next_review}. {unknown}", ar = "{reviewed_by}", fr = "{reviewed_by}" },
}
