page "about" {
  title = { en = "About this guide", ar = "عن هذا الدليل" },
  callout {
    style = "info",
    text = {
      en = "This guide is for general education. It does not replace advice from your own clinician.",
      ar = "هذا الدليل للتثقيف العام، ولا يغني عن نصيحة طبيبك.",
    },
  },
  paragraph {
    en = "It was written for this clinic from published articles about mesotherapy for cellulite. Those sources do not always agree, so we give ranges and say where results vary. Last reviewed: November 2026.",
    ar = "كُتب هذا الدليل لهذه العيادة اعتمادًا على مقالات منشورة عن الميزوثيرابي لعلاج السيلوليت. ولا تتفق هذه المصادر دائمًا، لذلك نذكر النطاقات ونوضح أين تختلف النتائج. آخر مراجعة: نوفمبر 2026.",
  },
  button { to = "home", label = { en = "Back to the start", ar = "العودة إلى البداية" }, style = "secondary" },
}
