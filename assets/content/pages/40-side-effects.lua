page "side-effects" {
  title = { en = "Side effects", ar = "الآثار الجانبية" },
  paragraph {
    en = "Like any injection, mesotherapy can have side effects. Most are mild and short.",
    ar = "مثل أي حقن، قد تكون للميزوثيرابي آثار جانبية. معظمها خفيف ويزول سريعًا.",
  },
  heading { en = "Common and mild", ar = "شائعة وخفيفة", level = 2 },
  list {
    { en = "Bruising, which usually fades in 7 to 10 days", ar = "كدمات تزول عادةً خلال 7 إلى 10 أيام" },
    { en = "Swelling, redness or itching", ar = "تورّم أو احمرار أو حكة" },
    { en = "Burning or tenderness for a few days", ar = "إحساس بالحرقة أو ألم عند اللمس لبضعة أيام" },
  },
  heading { en = "Less common", ar = "أقل شيوعًا", level = 2 },
  list {
    { en = "Painful lumps, sores or a rash, usually gone in one to two weeks", ar = "كتل مؤلمة أو تقرّحات أو طفح جلدي، تزول عادةً خلال أسبوع إلى أسبوعين" },
  },
  callout {
    style = "warning",
    title = { en = "Rare, but important", ar = "نادرة لكنها مهمة" },
    text = {
      en = "An infection or an allergic reaction is rare. If you notice signs of either, contact the clinic straight away.",
      ar = "العدوى أو رد الفعل التحسسي أمر نادر. إذا لاحظت علامات أيٍّ منهما، فاتصل بالعيادة فورًا.",
    },
  },
  button {
    label = { en = "When to call us", ar = "متى تتصل بنا" },
    on_tap = function(kiosk) kiosk.go("call-clinic") end,
  },
}
