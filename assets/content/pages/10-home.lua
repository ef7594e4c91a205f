-- The start page: a short welcome and one large button per topic.
page "home" {
  title = { en = "Welcome", ar = "أهلًا بك" },
  paragraph {
    en = "While you wait, you can read about mesotherapy: what it is, how a session goes, and what to expect afterwards. Touch a topic to begin.",
    ar = "يمكنك أثناء الانتظار أن تقرأ عن الميزوثيرابي: ما هو، وكيف تسير الجلسة، وماذا تتوقع بعدها. المس أحد المواضيع للبدء.",
  },
  button { to = "what-is", label = { en = "What is mesotherapy?", ar = "ما هو الميزوثيرابي؟" } },
  button { to = "procedure", label = { en = "Your session", ar = "جلستك العلاجية" } },
  button { to = "side-effects", label = { en = "Side effects", ar = "الآثار الجانبية" } },
  button { to = "call-clinic", label = { en = "When to call us", ar = "متى تتصل بنا" } },
  button { to = "quiz", label = { en = "Check what you know", ar = "اختبر معلوماتك" }, style = "secondary" },
  button { to = "about", label = { en = "About this guide", ar = "عن هذا الدليل" }, style = "secondary" },
}
