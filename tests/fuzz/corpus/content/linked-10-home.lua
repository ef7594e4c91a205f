-- The start page: a short welcome, the "when to call us" button, one large
-- picture tile per main topic, then the other pages as smaller buttons.
-- Buttons with image = "..." become tiles; tiles next to each other form a grid.
page "start" {
  title = { en = "Welcome", ar = "أهلًا بك", fr = "Bienvenue" },

  paragraph {
    en = "While you wait, you can read about mesotherapy for cellulite, at your own pace. Touch a picture to begin.",
    ar = "يمكنك أثناء الانتظار أن تقرأ عن علاج السيلوليت بالميزوثيرابي، بالوتيرة التي تناسبك. المس إحدى الصور للبدء.",
    fr = "Pendant votre attente, vous pouvez découvrir la mésothérapie contre la cellulite, à votre rythme. Touchez une image pour commencer.",
  },

  button {
    to = "home",
    label = { en = "When to call us", ar = "متى تتصل بنا", fr = "Quand nous appeler" },
  },

  -- Patients on a course sign in here to report how they feel
  -- ("@my-course" is the kiosk's own screen, not a page).
  button {
    to = "@my-course",
    label = { en = "My treatment course: sign in", ar = "دورتي العلاجية: تسجيل الدخول", fr = "Ma cure : se connecter" },
  },

  -- Main topics: picture tiles.
  button {
    to = "home", image = "images/skin-layers.svg",
    label = { en = "What is it?", ar = "ما هو العلاج؟", fr = "Le traitement" },
  },
  button {
    to = "home", image = "images/cellulite.svg",
    label = { en = "Cellulite", ar = "السيلوليت", fr = "La cellulite" },
  },
  button {
    to = "home", image = "images/procedure.svg",
    label = { en = "Your session", ar = "جلستك", fr = "Votre séance" },
  },
  button {
    to = "home", image = "images/calendar.svg",
    label = { en = "How many sessions", ar = "عدد الجلسات", fr = "Nombre de séances" },
  },
  button {
    to = "home", image = "images/side-effects.svg",
    label = { en = "Side effects", ar = "الآثار الجانبية", fr = "Effets secondaires" },
  },
  button {
    to = "home", image = "images/aftercare.svg",
    label = { en = "After treatment", ar = "بعد العلاج", fr = "Après le traitement" },
  },

  -- Everything else: smaller outline buttons in two columns.
  heading { en = "More to read", ar = "المزيد للقراءة", fr = "Pour aller plus loin", level = 2 },
  columns {
    {
      button {
        to = "home", style = "secondary",
        label = { en = "How it works", ar = "كيف يعمل", fr = "Comment ça marche" },
      },
      button {
        to = "home", style = "secondary",
        label = { en = "Other options", ar = "خيارات أخرى", fr = "Autres options" },
      },
      button {
        to = "home", style = "secondary",
        label = { en = "Cost and clinics", ar = "التكلفة والعيادات", fr = "Coût et cliniques" },
      },
    },
    {
      button {
        to = "home", style = "secondary",
        label = { en = "Is it right for me?", ar = "هل يناسبني؟", fr = "Est-ce pour moi ?" },
      },
      button {
        to = "home", style = "secondary",
        label = { en = "Quick quiz", ar = "اختبار قصير", fr = "Petit quiz" },
      },
      button {
        to = "home", style = "secondary",
        label = { en = "About this guide", ar = "عن هذا الدليل", fr = "À propos du guide" },
      },
    },
  },
}
